/**
 * The only place result files are written: atomically (a temp file in the target directory, then
 * rename), refusing to overwrite unless asked, and refusing up front a target that is not a regular
 * file. The run's journal is written by journal.ts.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
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
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new MpsbenchError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/** True when something (a dangling symbolic link included) lies at `path`. */
function occupied(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Throws unless `path` is free or a regular file (or a link to one): the atomic rename would
 * replace a device node, FIFO or socket (`--out /dev/null --force` as root), and a directory
 * cannot be written at all; both are refused before anything runs.
 */
export function ensureRegularTarget(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined || st.isFile()) return;
  if (st.isDirectory()) throw new MpsbenchError(`${path} is a directory`, ExitCode.usage, 'name a file for --out/--md, e.g. results/run.json');
  throw new MpsbenchError(`${path} is not a regular file; refusing to replace it`, ExitCode.usage, 'write to a file (then copy it where you want it)');
}

/** Throws unless `path` is free or `force` is set. */
export function ensureWritable(path: string, force: boolean): void {
  if (!force && occupied(path)) {
    throw new MpsbenchError(`${path} already exists`, ExitCode.usage, 'pass --force to overwrite it, or choose another --out');
  }
}

/**
 * Throws unless no journal of an earlier, interrupted run lies at `path` (or `force` is set):
 * starting over would throw its finished cases away. A dangling link counts as something.
 */
export function ensureNoJournal(path: string, force: boolean): void {
  if (!force && occupied(path)) {
    throw new MpsbenchError(
      `${path} exists: an earlier run to this output was interrupted`,
      ExitCode.usage,
      `finish it with "mpsbench run --resume ${path}", or pass --force to start over`,
    );
  }
}
