/**
 * One `cases:` entry as written to a `SuiteEntry`: the workload looked up, dtypes and parameter
 * sweeps checked against its definition, each problem reported at its own `file:line:col` with a
 * "did you mean" where a name is close to a known one. Runs after the schema check, so the
 * shape of every field other than workload, dtype, params and threshold is already known.
 */
import { InputError } from '../errors.js';
import type { Dtype, ParamValue } from '../types.js';
import { getWorkload, workloadNames, type WorkloadDef } from '../workloads/index.js';
import { DTYPES } from '../types.js';
import { describeValue, exampleValue, expectation } from '../workloads/params.js';
import { parseThreshold, THRESHOLD_RULE } from '../util/threshold.js';
import { budgetProblems, mergeBudget } from './budget.js';
import { pathLabel, type DocPath } from './path.js';
import { didYouMean } from './suggest.js';
import { sweepValues } from './sweep.js';
import type { SuiteEntry } from './types.js';
import type { Budget, TimingModel } from '../types.js';
import type { YamlInput } from './yaml.js';

/** A `cases:` entry after the schema check. */
export interface RawEntry {
  workload: unknown;
  name?: string;
  dtype?: unknown;
  params?: Record<string, unknown>;
  backends?: string[];
  threshold?: unknown;
  budget?: Partial<Budget>;
  timing?: TimingModel;
}

/** Context an entry is resolved in: the input and the suite-level settings it refines. */
export interface EntryContext {
  input: YamlInput;
  suiteBackends?: string[];
  suiteBudget: Budget;
}

/** Resolves `cases[index]`; throws an InputError at the first problem. */
export function resolveEntry(raw: RawEntry, index: number, ctx: EntryContext): SuiteEntry {
  const base: DocPath = ['cases', index];
  const fail = (msg: string, path: DocPath, key = false): never => {
    throw new InputError(msg, ctx.input.posOf(path, key));
  };
  const workload = lookupWorkload(raw.workload, [...base, 'workload'], fail);
  const entry: SuiteEntry = {
    workload: workload.name,
    dtypes: resolveDtypes(raw.dtype, [...base, 'dtype'], fail),
    params: resolveParams(workload, raw.params ?? {}, [...base, 'params'], fail),
    source: ctx.input.posOf(base),
  };
  if (raw.name !== undefined) entry.name = raw.name;
  if (raw.timing !== undefined) entry.timing = raw.timing;
  if (raw.backends !== undefined) entry.backends = checkBackends(raw.backends, [...base, 'backends'], ctx, fail);
  if (raw.threshold !== undefined) entry.threshold = threshold(raw.threshold, [...base, 'threshold'], fail);
  if (raw.budget !== undefined) {
    const problems = budgetProblems(mergeBudget(ctx.suiteBudget, raw.budget));
    if (problems[0] !== undefined) fail(`${pathLabel([...base, 'budget'])}: ${problems[0]}`, [...base, 'budget']);
    entry.budget = raw.budget;
  }
  return entry;
}

type Fail = (msg: string, path: DocPath, key?: boolean) => never;

function lookupWorkload(raw: unknown, path: DocPath, fail: Fail): WorkloadDef {
  const known = workloadNames();
  const w = typeof raw === 'string' ? getWorkload(raw) : undefined;
  if (w) return w;
  const hint = typeof raw === 'string' ? didYouMean(raw, known) : '';
  return fail(`${pathLabel(path)} must be one of ${known.join(', ')}, got ${describeValue(raw)}${hint}`, path);
}

/** Dtype as written (absent, one, or a list) to the dtype sweep; `--case` sweeps use it too. */
export function resolveDtypes(raw: unknown, path: DocPath, fail: Fail): Dtype[] {
  if (raw === undefined) return ['f32'];
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (list.length === 0) fail(`${pathLabel(path)} is an empty list; write one dtype (f32) or a list ([f32, f16])`, path);
  const out: Dtype[] = [];
  list.forEach((v, i) => {
    const at = Array.isArray(raw) ? [...path, i] : path;
    const d = DTYPES.find((x) => x === v);
    const hint = typeof v === 'string' ? didYouMean(v, DTYPES) : '';
    if (!d) fail(`${pathLabel(at)} must be one of ${DTYPES.join(', ')}, got ${describeValue(v)}${hint}`, at);
    else if (out.includes(d)) fail(`${pathLabel(path)} lists ${d} twice; remove the duplicate`, at);
    else out.push(d);
  });
  return out;
}

function resolveParams(
  w: WorkloadDef,
  raw: Record<string, unknown>,
  path: DocPath,
  fail: Fail,
): Record<string, ParamValue[]> {
  const names = w.params.map((p) => p.name);
  const out: Record<string, ParamValue[]> = {};
  for (const key of Object.keys(raw)) {
    const def = w.params.find((p) => p.name === key);
    if (!def) {
      const hint = key === 'dtype' ? '; dtype goes beside params:, not inside it' : didYouMean(key, names);
      fail(`${pathLabel(path)}: ${w.name} has no parameter "${key}"${hint} (parameters: ${names.join(', ')})`, [...path, key], true);
    } else {
      out[key] = sweepValues(def, raw[key], [...path, key], (msg, at, isKey) => fail(msg, at, isKey));
    }
  }
  // When params: is absent, posOf falls back to the entry itself.
  const missing = w.params.filter((p) => p.default === undefined && out[p.name] === undefined);
  if (missing.length > 0) {
    const need = missing.map((p) => `${p.name} (${expectation(p)})`).join(', ');
    const add = missing.map((p) => `${p.name}: ${exampleValue(p)}`).join(', ');
    fail(`${pathLabel(path)}: ${w.name} needs ${need}; add ${add} under params:`, path);
  }
  return out;
}

function checkBackends(list: string[], path: DocPath, ctx: EntryContext, fail: Fail): string[] {
  const allowed = ctx.suiteBackends;
  if (allowed) {
    list.forEach((b, i) => {
      if (!allowed.includes(b)) {
        fail(`${pathLabel([...path, i])} "${b}" is not among the suite's backends (${allowed.join(', ')}); a case can only narrow them`, [...path, i]);
      }
    });
  }
  return list;
}

/** A threshold as written to a fraction, or an InputError at `path`. */
export function threshold(raw: unknown, path: DocPath, fail: Fail): number {
  const t = parseThreshold(raw);
  return t ?? fail(`${pathLabel(path)} ${THRESHOLD_RULE}; got ${JSON.stringify(raw) ?? String(raw)}`, path);
}
