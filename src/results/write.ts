/**
 * The only place result files are written: atomically (a temp file in the target directory, then
 * rename), refusing to overwrite unless asked. The run's journal is written by journal.ts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExitCode, MpsbenchError } from '../errors.js';

/** Writes `text` to `path` atomically; creates the directory. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new MpsbenchError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/** Throws unless `path` is free or `force` is set. */
export function ensureWritable(path: string, force: boolean): void {
  if (!force && existsSync(path)) {
    throw new MpsbenchError(`${path} already exists`, ExitCode.usage, 'pass --force to overwrite it, or choose another --out');
  }
}

/**
 * Throws unless no journal of an earlier, interrupted run lies at `path` (or `force` is set):
 * starting over would throw its finished cases away.
 */
export function ensureNoJournal(path: string, force: boolean): void {
  if (!force && existsSync(path)) {
    throw new MpsbenchError(
      `${path} exists: an earlier run to this output was interrupted`,
      ExitCode.usage,
      `finish it with "mpsbench run --resume ${path}", or pass --force to start over`,
    );
  }
}
