/**
 * The only place result files are written: atomically (a temp file in the target directory, then
 * rename), refusing to overwrite unless asked, plus the append-only journal that keeps every
 * finished case safe while a run is in progress.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MpsbenchError } from '../errors.js';
import { warn } from '../log.js';

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
    throw new MpsbenchError(`${path} already exists`, 2, 'pass --force to overwrite it, or choose another --out');
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
      2,
      `finish it with "mpsbench run --resume ${path}", or pass --force to start over`,
    );
  }
}

/**
 * Append-only journal of a run: one JSON document per line, appended per record. A failed append
 * (disk full) is reported once and never stops the run: the final files are written from memory.
 */
export class Journal {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;

  private constructor(readonly path: string) {}

  /** Creates (or truncates) the journal and writes its header record. */
  static async create(path: string, header: unknown): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify({ type: 'header', ...(header as object) })}\n`);
    return new Journal(path);
  }

  /** Reopens an existing journal for appending, cutting off a torn last line (`validBytes` on). */
  static async reopen(path: string, validBytes: number): Promise<Journal> {
    await truncate(path, validBytes);
    return new Journal(path);
  }

  /** Appends one record; appends are written in call order. */
  append(type: string, record: unknown): Promise<void> {
    const line = `${JSON.stringify({ type, record })}\n`;
    this.chain = this.chain
      .then(() => appendFile(this.path, line))
      .catch((err: unknown) => {
        if (this.failed) return;
        this.failed = true;
        warn(`cannot append to the journal ${this.path}: ${(err as Error).message}`, 'the run goes on; its results are written at the end');
      });
    return this.chain;
  }

  /** Removes the journal once the final files are safely written (after pending appends). */
  async remove(): Promise<void> {
    await this.chain.catch(() => undefined);
    await rm(this.path, { force: true });
  }
}
