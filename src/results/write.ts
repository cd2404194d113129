/**
 * The only place result files are written: atomically (a temp file in the target directory, then
 * rename), refusing to overwrite unless asked, plus the append-only journal that keeps every
 * finished case safe while a run is in progress.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MpsbenchError } from '../errors.js';

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

/** Append-only journal of a run: one JSON document per line, flushed per record. */
export class Journal {
  private chain: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** Creates (or truncates) the journal and writes its header record. */
  static async create(path: string, header: unknown): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify({ type: 'header', ...(header as object) })}\n`);
    return new Journal(path);
  }

  /** Appends one record; appends are written in call order. */
  append(type: string, record: unknown): Promise<void> {
    const line = `${JSON.stringify({ type, record })}\n`;
    this.chain = this.chain.then(() => appendFile(this.path, line));
    return this.chain;
  }

  /** Removes the journal once the final files are safely written (after pending appends). */
  async remove(): Promise<void> {
    await this.chain.catch(() => undefined);
    await rm(this.path, { force: true });
  }
}
