/**
 * `--case` text to a case: `conv2d n=8 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 dtype=f32`. The same
 * syntax `specString` writes, so a key copied from a report can be run again as it is.
 */
import { UsageError } from '../errors.js';
import type { Dtype, ParamValue } from '../types.js';
import { getWorkload, workloadNames, type ParamDef, type WorkloadDef } from '../workloads/index.js';
import { DTYPES } from '../types.js';
import { checkParamValue, defaultParams, describeValue, exampleValue, expectation, valueNote } from '../workloads/params.js';
import { didYouMean } from './suggest.js';
import type { CaseSpec } from '../types.js';

const EXAMPLE = 'e.g. --case "matmul m=1024 n=1024 k=1024 dtype=f32"';

/** Parses `--case` text into a complete, validated spec; errors are UsageErrors naming the token. */
export function parseCaseArg(text: string): CaseSpec {
  const [name, ...tokens] = text.trim().split(/\s+/).filter((t) => t !== '');
  if (name === undefined) throw new UsageError('--case is empty', EXAMPLE);
  const workload = getWorkload(name);
  if (!workload) {
    const known = workloadNames();
    throw new UsageError(
      `--case "${text}": unknown workload "${name}"${didYouMean(name, known)}`,
      `the text starts with one of ${known.join(', ')}; ${EXAMPLE}`,
    );
  }
  let dtype: Dtype = 'f32';
  const params = defaultParams(workload.params);
  const seen = new Set<string>();
  for (const token of tokens) {
    const [key, value] = splitToken(text, token);
    if (seen.has(key)) throw new UsageError(`--case "${text}": ${key} is given twice; keep one ${key}=…`);
    seen.add(key);
    if (key === 'dtype') dtype = parseDtype(text, value);
    else params[key] = parseParam(text, workload, key, value);
  }
  checkComplete(text, workload, params);
  const problems = workload.validate(params, dtype);
  if (problems.length > 0) throw new UsageError(`--case "${text}": ${problems.join('; ')}`);
  return { workload: workload.name, dtype, params };
}

function splitToken(text: string, token: string): [string, string] {
  const eq = token.indexOf('=');
  if (eq <= 0 || eq === token.length - 1) {
    throw new UsageError(
      `--case "${text}": "${token}" is not name=value`,
      `write each parameter as name=value with no spaces around "=", e.g. m=1024; ${EXAMPLE}`,
    );
  }
  return [token.slice(0, eq), token.slice(eq + 1)];
}

function parseDtype(text: string, value: string): Dtype {
  const found = DTYPES.find((d) => d === value);
  if (found) return found;
  throw new UsageError(
    `--case "${text}": unknown dtype "${value}"${didYouMean(value, DTYPES)}`,
    `dtype is one of ${DTYPES.join(', ')}`,
  );
}

function parseParam(text: string, workload: WorkloadDef, key: string, raw: string): ParamValue {
  const def = workload.params.find((p) => p.name === key);
  if (!def) {
    const names = workload.params.map((p) => p.name);
    throw new UsageError(
      `--case "${text}": ${workload.name} has no parameter "${key}"${didYouMean(key, [...names, 'dtype'])}`,
      `${workload.name} takes ${names.join(', ')} and dtype`,
    );
  }
  const value = typedValue(def, raw);
  const problem = checkParamValue(def, value);
  if (problem !== undefined) {
    throw new UsageError(`--case "${text}": ${key}=${raw}: ${key} ${problem}, got ${describeValue(value)}${valueNote(def, raw)}`);
  }
  return value;
}

/** Text to the JS value its kind expects; anything unparsable stays a string (and fails the check). */
function typedValue(def: ParamDef, raw: string): ParamValue {
  const asNumber = (s: string): number | string => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : s);
  switch (def.kind) {
    case 'int':
    case 'number':
      return asNumber(raw);
    case 'bool':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'enum':
      return raw;
    case 'int-list': {
      const items = raw.split(',').map(asNumber);
      return items.every((v) => typeof v === 'number') ? items : raw;
    }
  }
}

function checkComplete(text: string, workload: WorkloadDef, params: Record<string, ParamValue>): void {
  const missing = workload.params.filter((p) => params[p.name] === undefined);
  if (missing.length === 0) return;
  const add = missing.map((p) => `${p.name}=${exampleValue(p).replace(/[[\] ]/g, '')}`).join(' ');
  throw new UsageError(
    `--case "${text}": missing ${missing.map((p) => `${p.name} (${expectation(p)})`).join(', ')}`,
    `add ${add}; ${workload.name} takes ${workload.params.map((p) => p.name).join(', ')} and dtype`,
  );
}
