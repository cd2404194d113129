/**
 * `-` as an output path means standard output, for every command that writes a file (run --out
 * and --md, export --out, report --out): data goes to stdout, as Unix tools expect.
 */
import { ensureWritable, writeAtomic } from '../results/write.js';

/** The output path that stands for standard output. */
export const STDOUT = '-';

/** True when `path` means standard output. */
export function isStdout(path: string | undefined): boolean {
  return path === STDOUT;
}

/** Refuses an existing file without `force`; standard output is always writable. */
export function ensureOutputWritable(path: string, force: boolean): void {
  if (!isStdout(path)) ensureWritable(path, force);
}

/** Writes `text` to standard output for `-`, else atomically to the file. */
export async function writeOutput(path: string, text: string): Promise<void> {
  if (!isStdout(path)) return writeAtomic(path, text);
  await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
