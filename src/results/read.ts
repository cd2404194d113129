/**
 * The one reader of result files, for `compare`, `export` and `report`: parse, check the schema
 * identifier, check the shape the consumers rely on. Every problem is one InputError line (exit 2)
 * that says which file and what to do: JSON syntax errors carry `file:line:col`, a truncated file
 * says so, another schema version names both versions. No stack traces. The checks are
 * structural, covering the fields the consumers read, not the full JSON schema.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { RESULT_SCHEMA, type CaseResult, type ResultFile } from './types.js';
import { isRecord } from '../util/is-record.js';

/**
 * Limits of the readers (docs/reliability.md): a result file of at most 128 MiB holding at most
 * 100,000 cases. Larger inputs are refused with one line before they are parsed, so memory and
 * time stay bounded (a 128 MiB file parses in about 1 GB).
 */
export const READ_LIMITS = { maxBytes: 128 * 2 ** 20, maxResults: 100_000 } as const;

/** 1-based line and column of a character offset in `text`. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Parses JSON, turning V8's `… at position N` into `file:line:col` and truncation into a hint. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = (err as Error).message;
    const at = /at position (\d+)/.exec(message);
    const offset = at?.[1] !== undefined ? Number(at[1]) : text.length;
    const pos = { file, ...lineCol(text, offset) };
    if (text.trim() === '') throw new InputError(`${file} is empty`, undefined, 'point at a result file written by "mpsbench run --out"');
    const start = text.trimStart();
    if (!/^[{[]/.test(start)) {
      const head = JSON.stringify(start.slice(0, 24).split('\n')[0]);
      throw new InputError(`${file} is not JSON (it starts with ${head})`, undefined, 'point at a result .json written by "mpsbench run", not its .md or another file');
    }
    if (offset >= text.trimEnd().length || /end of JSON input/.test(message)) {
      throw new InputError('the file is truncated (the JSON ends early)', pos, 'the run was probably interrupted while it was copied; use the complete file or re-run');
    }
    throw new InputError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, pos);
  }
}

/** Refuses anything but an object whose `schema` is the one this version reads. */
function checkSchema(doc: unknown, file: string): asserts doc is Record<string, unknown> {
  if (!isRecord(doc)) throw new InputError(`${file} is not an mpsbench result file (the top level is not an object)`);
  const schema = doc.schema;
  if (schema === undefined) {
    throw new InputError(`${file} is not an mpsbench result file (no "schema" field)`, undefined, 'compare, export and report read files written by "mpsbench run"');
  }
  if (schema !== RESULT_SCHEMA) {
    throw new InputError(
      `${file} has schema ${JSON.stringify(schema)}; this mpsbench reads ${RESULT_SCHEMA}`,
      undefined,
      'use the mpsbench version that wrote the file, or re-run the benchmark with this one',
    );
  }
}

/** The first problem with `env`, or undefined when it has what consumers need. */
function envProblem(env: Record<string, unknown>): string | undefined {
  if (typeof env.machine !== 'string') return 'env.machine is missing or not a string';
  const host = env.host;
  if (!isRecord(host) || !isRecord(host.cpu) || typeof host.cpu.model !== 'string') return 'env.host.cpu.model is missing or not a string';
  if (!isRecord(env.runners)) return 'env.runners is missing or not an object';
  for (const [name, r] of Object.entries(env.runners)) {
    if (!isRecord(r) || !isRecord(r.device) || typeof r.device.name !== 'string' || !isRecord(r.runner) || typeof r.runner.name !== 'string') {
      return `env.runners[${JSON.stringify(name)}] is not a runner record (it needs runner.name and device.name)`;
    }
  }
  return undefined;
}

/** The first problem with case `i`, or undefined when it has what consumers need. */
function caseProblem(c: unknown, i: number): string | undefined {
  if (!isRecord(c)) return `results[${i}] is not an object`;
  for (const f of ['key', 'spec', 'workload', 'backend', 'dtype', 'status'] as const) {
    if (typeof c[f] !== 'string') return `results[${i}].${f} is missing or not a string`;
  }
  if (!Array.isArray(c.launches)) return `results[${i}] (${String(c.key)}) has no "launches" array`;
  if (c.params !== undefined && !isRecord(c.params)) return `results[${i}].params is not an object`;
  if (c.timing !== undefined && c.timing !== 'streamed' && c.timing !== 'isolated') {
    return `results[${i}] (${String(c.key)}) has timing ${JSON.stringify(c.timing)}; it must be "streamed" or "isolated" (or absent)`;
  }
  if (!isRecord(c.work)) return `results[${i}].work is missing or not an object`;
  if (c.status === 'ok' && (!isRecord(c.stats) || typeof c.stats.median_s !== 'number')) {
    return `results[${i}] (${String(c.key)}) is ok but stats.median_s is missing or not a number`;
  }
  return undefined;
}

/** Checks the fields compare, export and reports rely on; one InputError for the first problem. */
export function validateResult(doc: unknown, file: string): ResultFile {
  checkSchema(doc, file);
  if (!isRecord(doc.env)) throw new InputError(`${file}: "env" is missing or not an object`);
  const envIssue = envProblem(doc.env);
  if (envIssue !== undefined) throw new InputError(`${file}: ${envIssue}`);
  if (!Array.isArray(doc.results)) throw new InputError(`${file}: "results" is missing or not an array`);
  const results = doc.results as unknown[];
  if (results.length > READ_LIMITS.maxResults) {
    throw new InputError(`${file} holds ${results.length} results, above the limit of ${READ_LIMITS.maxResults}`, undefined, 'split the run into several result files');
  }
  results.forEach((c, i) => {
    const problem = caseProblem(c, i);
    if (problem !== undefined) throw new InputError(`${file}: ${problem}`);
  });
  const keys = new Set<string>();
  for (const c of results as CaseResult[]) {
    if (keys.has(c.key)) throw new InputError(`${file}: case key "${c.key}" appears twice`);
    keys.add(c.key);
  }
  return doc as unknown as ResultFile;
}

/** Parses and validates the text of a result file read from `file` (used in messages). */
export function parseResultText(text: string, file: string): ResultFile {
  return validateResult(parseJson(text, file), file);
}

/**
 * Reads a text input file; a missing file, a directory or any other read error becomes one
 * InputError line, `cannot read <what> <file>: <why>`, with an optional hint for a missing file.
 */
export async function readInputText(file: string, what = '', missingHint?: string, maxBytes = Infinity): Promise<string> {
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      throw new InputError(`${file} is ${(size / 2 ** 20).toFixed(0)} MiB, above the limit of ${maxBytes / 2 ** 20} MiB`, undefined, 'split the run into several result files');
    }
    return await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new InputError(`cannot read ${what ? `${what} ` : ''}${file}: ${why}`, undefined, code === 'ENOENT' ? missingHint : undefined);
  }
}

/** Reads, parses and validates a result file; InputError (exit 2) on any problem. */
export async function readResultFile(file: string): Promise<ResultFile> {
  const text = await readInputText(file, '', undefined, READ_LIMITS.maxBytes);
  return validateResult(parseJson(text, file), file);
}
