/**
 * Parses the text of a result file for `report`, refusing anything that is not a complete
 * `mpsbench.result/v1` document with one clear line (truncated JSON, another schema, missing
 * fields), so a bad file in a glob of many is named rather than crashing the merge.
 *
 * Local to `report` until a shared reader exists (src/results/read.ts, planned for `compare`);
 * the checks are structural, covering the fields the merge reads, not the full JSON schema.
 */
import { InputError } from '../errors.js';
import { RESULT_SCHEMA, type ResultFile } from '../results/types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first missing or mistyped field the merge needs, as a dotted path, or undefined. */
function firstProblem(doc: Record<string, unknown>): string | undefined {
  const env = doc.env;
  if (!isObject(env)) return 'env';
  if (typeof env.machine !== 'string') return 'env.machine';
  const host = env.host;
  if (!isObject(host) || !isObject(host.cpu) || typeof host.cpu.model !== 'string') return 'env.host.cpu.model';
  if (!isObject(env.runners)) return 'env.runners';
  if (!Array.isArray(doc.results)) return 'results';
  return doc.results.map(caseProblem).find((p) => p !== undefined);
}

/** The first problem of one case entry, as `results[i].field`. */
function caseProblem(c: unknown, i: number): string | undefined {
  if (!isObject(c)) return `results[${i}]`;
  for (const field of ['spec', 'workload', 'backend', 'dtype', 'status'] as const) {
    if (typeof c[field] !== 'string') return `results[${i}].${field}`;
  }
  if (!isObject(c.work)) return `results[${i}].work`;
  if (c.status === 'ok' && (!isObject(c.stats) || typeof c.stats.median_s !== 'number')) {
    return `results[${i}].stats.median_s`;
  }
  return undefined;
}

/** Parses JSON, turning a syntax error into a one-line InputError naming the file. */
function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const why = (err as Error).message.split('\n')[0] ?? '';
    throw new InputError(`${name}: not valid JSON (truncated or corrupt?): ${why}`);
  }
}

/**
 * The result file in `text` (read from `name`, used in messages). Throws an InputError (exit 2)
 * for invalid JSON, a schema other than `mpsbench.result/v1`, or a missing field.
 */
export function parseResultText(text: string, name: string): ResultFile {
  const doc = parseJson(text, name);
  if (!isObject(doc)) throw new InputError(`${name}: not an mpsbench result file (expected a JSON object)`);
  if (doc.schema !== RESULT_SCHEMA) {
    const found = typeof doc.schema === 'string' ? `schema "${doc.schema}"` : 'no "schema" field';
    throw new InputError(`${name}: not an mpsbench result file (${found}, expected "${RESULT_SCHEMA}")`);
  }
  const problem = firstProblem(doc);
  if (problem !== undefined) {
    throw new InputError(`${name}: invalid ${RESULT_SCHEMA} file: missing or mistyped ${problem}`);
  }
  return doc as unknown as ResultFile;
}
