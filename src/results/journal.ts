/**
 * A run's journal (`<out>.journal.jsonl`): the `Journal` writer, and reading it back for
 * `mpsbench run --resume`. The journal
 * is append-only, one JSON record per line: a header (the result file without its results, plus
 * what is needed to plan the run again), then `runner`, `launch` and `case` records as they
 * happen. A process killed mid-write leaves a torn last line: anything after the last newline is
 * dropped (and cut off before the journal is appended to again), so only complete records count.
 * Any other damage is one InputError line naming `file:line`.
 */
import { constants } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExitCode, InputError, MpsbenchError } from '../errors.js';
import { readInputText } from './read.js';
import { RESULT_SCHEMA, type CaseResult, type LaunchRecord, type ResultFile, type RunnerRecord } from './types.js';
import { isRecord } from '../util/is-record.js';

/** Suffix of a journal beside its result file. */
export const JOURNAL_SUFFIX = '.journal.jsonl';

/**
 * What `run --resume` needs to plan the same run again. Journals since 0.1.0+settings store the
 * resolved `settings` (src/run/settings.ts `RunSettings`, checked by src/run/resume.ts); older
 * ones stored `suites` and the flags as typed (`options`), which resume still reads.
 */
export interface ResumeInfo {
  /** Working directory of the original run (relative suite and runner paths resolve from it). */
  cwd: string;
  /** The run's resolved settings. */
  settings?: Record<string, unknown>;
  /** Older journals: suite arguments as given. */
  suites?: string[];
  /** Older journals: the `run` flags as given (minus --resume, --force, --json). */
  options?: Record<string, unknown>;
  /** Absolute paths of the result JSON and Markdown (`-`: stdout; no md: none written). */
  paths: { json: string; md?: string };
  /** MPSBENCH_PYTHON at the time, when set (torch backends). */
  python?: string;
}

/** The header record: the result file without results, and the resume information. */
export type JournalHeader = Omit<ResultFile, 'results'> & { run?: ResumeInfo };

/** Everything a journal holds. */
export interface JournalContents {
  header: JournalHeader;
  /** Runner hello records by backend. */
  runners: Map<string, RunnerRecord>;
  /** Good launches by case key, in index order, one per index. */
  launches: Map<string, LaunchRecord[]>;
  /** The last case record by key. */
  cases: Map<string, CaseResult>;
  /** Length in bytes of the complete lines; a torn last line lies beyond. */
  validBytes: number;
  /** True when a torn last line was dropped. */
  torn: boolean;
}

function checkHeader(doc: unknown, file: string): JournalHeader {
  const hint = 'a journal is written by "mpsbench run" beside its result file as <out>.json.journal.jsonl';
  if (!isRecord(doc) || doc.type !== 'header') throw new InputError('not an mpsbench journal (the first line is not a header record)', { file, line: 1, col: 1 }, hint);
  if (doc.schema !== RESULT_SCHEMA) {
    throw new InputError(`${file} has schema ${JSON.stringify(doc.schema ?? null)}; this mpsbench resumes ${RESULT_SCHEMA}`, undefined, 'resume it with the mpsbench version that started the run');
  }
  if (!isRecord(doc.env) || !isRecord(doc.settings) || !Array.isArray(doc.command)) {
    throw new InputError('the journal header lacks env, settings or command', { file, line: 1, col: 1 });
  }
  const rest: Record<string, unknown> = { ...doc };
  delete rest.type;
  return rest as unknown as JournalHeader;
}

function checkRecord(doc: unknown, file: string, line: number): { type: string; record: Record<string, unknown> } {
  const where = { file, line, col: 1 };
  if (!isRecord(doc) || typeof doc.type !== 'string' || !isRecord(doc.record)) throw new InputError('not a journal record (expected {"type", "record"})', where);
  const r = doc.record;
  if (doc.type === 'case' && (typeof r.key !== 'string' || typeof r.status !== 'string' || !Array.isArray(r.launches))) {
    throw new InputError('case record without key, status or launches', where);
  }
  if (doc.type === 'launch' && (typeof r.key !== 'string' || !isRecord(r.record) || typeof r.record.index !== 'number')) {
    throw new InputError('launch record without key or record.index', where);
  }
  if (doc.type === 'runner' && (typeof r.backend !== 'string' || !isRecord(r.hello))) throw new InputError('runner record without backend or hello', where);
  return { type: doc.type, record: r };
}

/** Parses journal text (read from `file`, used in messages). */
export function parseJournal(text: string, file: string): JournalContents {
  const end = text.lastIndexOf('\n') + 1;
  const complete = text.slice(0, end);
  const torn = text.slice(end).trim() !== '';
  if (complete.trim() === '') {
    throw new InputError(`${file} holds no complete record${torn ? ' (only a torn first line)' : ''}: there is nothing to resume`, undefined, 'start the run again without --resume');
  }
  const lines = complete.split('\n');
  const parse = (s: string, n: number): unknown => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      throw new InputError(`line ${n} is not JSON (the journal is damaged)`, { file, line: n, col: 1 }, 'delete that line to resume from the rest');
    }
  };
  const header = checkHeader(parse(lines[0] ?? '', 1), file);
  const out: JournalContents = { header, runners: new Map(), launches: new Map(), cases: new Map(), validBytes: Buffer.byteLength(complete), torn };
  lines.slice(1).forEach((s, i) => {
    if (s.trim() === '') return;
    const { type, record } = checkRecord(parse(s, i + 2), file, i + 2);
    if (type === 'runner') out.runners.set(record.backend as string, record.hello as RunnerRecord);
    else if (type === 'case') out.cases.set(record.key as string, record as unknown as CaseResult);
    else if (type === 'launch') {
      const launch = record.record as LaunchRecord;
      if (!launch.ok) return;
      const list = (out.launches.get(record.key as string) ?? []).filter((l) => l.index !== launch.index);
      out.launches.set(record.key as string, [...list, launch].sort((a, b) => a.index - b.index));
    }
  });
  return out;
}

/** Reads and parses a journal; InputError (exit 2) on any problem but a torn last line. */
export async function readJournal(file: string): Promise<JournalContents> {
  const text = await readInputText(file, 'journal', 'an interrupted run leaves <out>.json.journal.jsonl beside its partial result');
  return parseJournal(text, file);
}

/** Told of the first failed append (disk full), which never stops the run. */
export type JournalErrorHandler = (message: string) => void;

/** Runs a journal file operation; a failure is one line naming the journal (exit 2). */
async function journalIo<T>(path: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ELOOP' || e.code === 'EEXIST' ? 'something else (a symbolic link?) lies at that path' : e.message;
    throw new MpsbenchError(`cannot ${what} the journal ${path}: ${why}`, ExitCode.usage, 'remove it, or choose another --out');
  }
}

/**
 * Append-only journal of a run: one JSON document per line, appended per record through one open
 * descriptor that was created exclusively (O_EXCL) or reopened without following links
 * (O_NOFOLLOW), so it is never written through a symbolic link. A failed append (disk full) is
 * handed to `onError` once and never stops the run: the final files are written from memory.
 */
export class Journal {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;

  private constructor(readonly path: string, private readonly file: FileHandle, private readonly onError: JournalErrorHandler) {}

  /**
   * Creates the journal and writes its header record; `replace` (--force) first removes what lies
   * at the path (a link itself, never its target).
   */
  static async create(path: string, header: JournalHeader, onError: JournalErrorHandler = () => undefined, replace = false): Promise<Journal> {
    return journalIo(path, 'create', async () => {
      await mkdir(dirname(path), { recursive: true });
      if (replace) await rm(path, { force: true });
      const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND, 0o644);
      await file.write(`${JSON.stringify({ type: 'header', ...header })}\n`);
      return new Journal(path, file, onError);
    });
  }

  /** Reopens an existing journal for appending, cutting off a torn last line (`validBytes` on). */
  static async reopen(path: string, validBytes: number, onError: JournalErrorHandler = () => undefined): Promise<Journal> {
    return journalIo(path, 'reopen', async () => {
      const file = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW);
      await file.truncate(validBytes);
      return new Journal(path, file, onError);
    });
  }

  /** Appends one record; appends are written in call order. */
  append(type: string, record: unknown): Promise<void> {
    const line = `${JSON.stringify({ type, record })}\n`;
    this.chain = this.chain
      .then(async () => void (await this.file.write(line)))
      .catch((err: unknown) => {
        if (this.failed) return;
        this.failed = true;
        this.onError(`cannot append to the journal ${this.path}: ${(err as Error).message}`);
      });
    return this.chain;
  }

  /** Closes the journal after pending appends; it stays for `--resume`. */
  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.file.close().catch(() => undefined);
  }

  /** Removes the journal once the final files are safely written (after pending appends). */
  async remove(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
  }
}
