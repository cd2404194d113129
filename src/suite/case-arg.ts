/**
 * `--case` text to cases: `conv2d n=8 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 dtype=f32`, the syntax
 * `specString` writes, so a key copied from a report can be run again as it is. Sweeps follow
 * llama-bench: comma lists (`m=256,512,1024`, `dtype=f32,f16`), ranges `first-last`,
 * `first-last+step`, `first-last*mult`, or the parameter given again (`layers=784,128,10
 * layers=784,512,10`, the only way for list-valued parameters); each goes through the suite's own
 * sweep code, so the values and limits are exactly those a suite file allows.
 */
import { UsageError } from '../errors.js';
import { DTYPES, TIMING_MODELS, type ParamValue, type TimingModel } from '../types.js';
import { getWorkload, workloadNames, type ParamDef, type WorkloadDef } from '../workloads/index.js';
import { exampleValue, expectation } from '../workloads/params.js';
import { resolveDtypes } from './entry.js';
import { entrySpecCount, entrySpecs } from './expand.js';
import { didYouMean } from './suggest.js';
import { MAX_CASES, sweepValues, type SweepFail } from './sweep.js';
import type { SuiteEntry } from './types.js';
import type { CaseSpec } from '../types.js';

const EXAMPLE = 'e.g. --case "matmul m=1024 n=1024 k=1024 dtype=f32"';

/** Parses `--case` text that names one case into its validated spec (a sweep is refused). */
export function parseCaseArg(text: string): CaseSpec {
  const specs = [...entrySpecs(parseCaseSweep(text))];
  if (specs.length !== 1 || specs[0] === undefined) throw new UsageError(`--case "${text}": names ${specs.length} cases where one is expected`);
  return specs[0];
}

/**
 * Parses `--case` text, sweeps included, into a suite entry; every case it stands for is
 * validated. Errors are UsageErrors naming the token.
 */
export function parseCaseSweep(text: string): SuiteEntry {
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
  const given = new Map<string, string[]>();
  for (const token of tokens) {
    const [key, value] = splitToken(text, token);
    given.set(key, [...(given.get(key) ?? []), value]);
  }
  const entry: SuiteEntry = { workload: workload.name, dtypes: ['f32'], params: {} };
  for (const [key, values] of given) {
    const fail: SweepFail = (msg) => {
      throw new UsageError(`--case "${text}": ${key}=${values.join(' ')}: ${msg}`);
    };
    if (key === 'dtype') entry.dtypes = dtypes(text, values);
    else if (key === 'timing') entry.timing = timingToken(text, values);
    else entry.params[key] = paramSweep(text, workload, key, values, fail);
  }
  checkComplete(text, workload, entry.params);
  const count = entrySpecCount(entry);
  if (count > MAX_CASES) throw new UsageError(`--case "${text}" stands for ${count} cases, above the limit of ${MAX_CASES}; narrow the sweeps`);
  for (const spec of entrySpecs(entry)) {
    const problems = workload.validate(spec.params, spec.dtype);
    if (problems.length > 0) throw new UsageError(`--case "${text}": ${problems.join('; ')}${count > 1 ? ` (in ${describeSpec(spec)})` : ''}`);
  }
  return entry;
}

function describeSpec(spec: CaseSpec): string {
  return Object.entries(spec.params).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ') + ` dtype=${spec.dtype}`;
}

/** `timing=streamed|isolated` (one value: a key carries it when it differs from the workload's default). */
function timingToken(text: string, values: string[]): TimingModel {
  const t = TIMING_MODELS.find((m) => values.length === 1 && m === values[0]);
  if (!t) throw new UsageError(`--case "${text}": timing=${values.join(',')}: timing is one of ${TIMING_MODELS.join(', ')}, given once`);
  return t;
}

function dtypes(text: string, values: string[]): SuiteEntry['dtypes'] {
  const list = values.flatMap((v) => v.split(','));
  return resolveDtypes(list.length === 1 ? list[0] : list, ['dtype'], (msg) => {
    throw new UsageError(`--case "${text}": ${msg}`, `dtype is one of ${DTYPES.join(', ')}; several sweep, e.g. dtype=f32,f16`);
  });
}

/** One parameter's values as typed (one or more `key=` tokens) through the suite sweep code. */
function paramSweep(text: string, workload: WorkloadDef, key: string, values: string[], fail: SweepFail): ParamValue[] {
  const def = workload.params.find((p) => p.name === key);
  if (!def) {
    const names = workload.params.map((p) => p.name);
    throw new UsageError(
      `--case "${text}": ${workload.name} has no parameter "${key}"${didYouMean(key, [...names, 'dtype', 'timing'])}`,
      `${workload.name} takes ${names.join(', ')}, dtype and timing`,
    );
  }
  if (def.kind === 'int-list') {
    const lists = values.map((v) => typedValue(def, v));
    return sweepValues(def, lists.length === 1 ? lists[0] : lists, [key], fail);
  }
  const out: ParamValue[] = [];
  for (const item of values.flatMap((v) => v.split(','))) {
    const range = def.kind === 'int' ? /^(\d+)-(\d+)(?:([+*])(\d+))?$/.exec(item) : null;
    if (range) {
      const [, from, to, op, by] = range;
      const raw = { from: Number(from), to: Number(to), [op === '*' ? 'mul' : 'step']: by === undefined ? 1 : Number(by) };
      out.push(...sweepValues(def, raw, [key], fail));
    } else {
      out.push(...sweepValues(def, typedValue(def, item), [key], fail));
    }
  }
  return out;
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

function checkComplete(text: string, workload: WorkloadDef, params: Record<string, ParamValue[]>): void {
  const missing = workload.params.filter((p) => p.default === undefined && params[p.name] === undefined);
  if (missing.length === 0) return;
  const add = missing.map((p) => `${p.name}=${exampleValue(p).replace(/[[\] ]/g, '')}`).join(' ');
  throw new UsageError(
    `--case "${text}": missing ${missing.map((p) => `${p.name} (${expectation(p)})`).join(', ')}`,
    `add ${add}; ${workload.name} takes ${workload.params.map((p) => p.name).join(', ')} and dtype`,
  );
}
