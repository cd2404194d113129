/**
 * One parameter's sweep as written (a value, a list, or an integer range) to the list of values it
 * takes, each checked against the parameter's definition at its own position. Range sizes are
 * computed before any list is built, so `{from: 1, to: 1e12, step: 1}` costs nothing to refuse.
 */
import type { ParamValue } from '../types.js';
import type { ParamDef } from '../workloads/index.js';
import { checkParamValue, describeValue, valueNote } from '../workloads/params.js';
import { pathLabel, type DocPath } from './path.js';
import { isRecord } from '../util/is-record.js';

/**
 * How a sweep reports a problem: throws, placing `msg` at `path` (at its key with `key: true`).
 * A suite throws an InputError at the YAML position; `--case` a UsageError naming the argument.
 */
export type SweepFail = (msg: string, path: DocPath, key?: boolean) => never;

/** Most values one sweep, one entry or one suite may expand to. */
export const MAX_CASES = 10_000;

/**
 * The values `raw` stands for, in the order written (ranges ascending): a value, a list, or a
 * range mapping `{from, to, step|mul}`; the same rules for suites and `--case` sweeps.
 */
export function sweepValues(def: ParamDef, raw: unknown, path: DocPath, report: SweepFail): ParamValue[] {
  const fail: (msg: string, at?: DocPath) => never = (msg, at = path) => report(msg, at);
  if (def.kind === 'int-list') return intListSweep(def, raw, path, report);
  if (Array.isArray(raw)) {
    if (raw.length === 0) fail(`${pathLabel(path)} is an empty list; give at least one value, e.g. ${def.name}: [${example(def)}]`);
    return raw.map((v, i) => checked(def, v, [...path, i], report));
  }
  if (isRecord(raw)) {
    if (def.kind !== 'int') fail(`${pathLabel(path)}: ranges apply to integer parameters only; list the values instead`);
    return rangeValues(def, raw, path, report);
  }
  return [checked(def, raw, path, report)];
}

function example(def: ParamDef): string {
  if (def.kind === 'bool') return 'true, false';
  if (def.kind === 'enum') return (def.values ?? []).join(', ');
  return '256, 1024';
}

/** `raw` checked against `def`; an InputError at `path` saying what to write otherwise. */
function checked(def: ParamDef, raw: unknown, path: DocPath, report: SweepFail): ParamValue {
  const problem = checkParamValue(def, raw);
  if (problem !== undefined) report(`${pathLabel(path)} ${problem}, got ${describeValue(raw)}${valueNote(def, raw)}`, path);
  return raw as ParamValue;
}

function intListSweep(def: ParamDef, raw: unknown, path: DocPath, report: SweepFail): ParamValue[] {
  if (!Array.isArray(raw)) return [checked(def, raw, path, report)];
  const lists = raw.filter((v) => Array.isArray(v)).length;
  if (lists === 0) return [checked(def, raw, path, report)];
  if (lists < raw.length) {
    report(
      `${pathLabel(path)} mixes numbers and lists; write one value as a flat list ([784, 128, 10]) ` +
        'or a sweep as a list of lists ([[784, 128, 10], [784, 512, 10]])',
      path,
    );
  }
  return raw.map((v, i) => checked(def, v, [...path, i], report));
}

const RANGE_KEYS = ['from', 'to', 'step', 'mul'];

function rangeValues(def: ParamDef, raw: Record<string, unknown>, path: DocPath, report: SweepFail): number[] {
  const fail: (msg: string, at?: DocPath) => never = (msg, at = path) => report(msg, at);
  const label = pathLabel(path);
  for (const key of Object.keys(raw)) {
    if (!RANGE_KEYS.includes(key)) report(`${label}: unknown range key "${key}"; a range is {from, to, step} or {from, to, mul}`, [...path, key], true);
  }
  if (raw.from === undefined || raw.to === undefined) fail(`${label}: a range needs from: and to:, e.g. {from: 256, to: 4096, mul: 2}`);
  const from = checked(def, raw.from, [...path, 'from'], report) as number;
  const to = checked(def, raw.to, [...path, 'to'], report) as number;
  if ((raw.step === undefined) === (raw.mul === undefined)) {
    fail(`${label}: a range needs exactly one of step: (arithmetic) or mul: (geometric)`);
  }
  if (from > to) fail(`${label}: from (${from}) is above to (${to}); swap them`);
  const step = raw.step ?? raw.mul;
  const isMul = raw.mul !== undefined;
  const min = isMul ? 2 : 1;
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < min) {
    const key = isMul ? 'mul' : 'step';
    fail(`${label}.${key} must be an integer ≥ ${min}, got ${describeValue(step)}`, [...path, key]);
  }
  const count = isMul ? Math.floor(Math.log(to / from) / Math.log(step) + 1e-9) + 1 : Math.floor((to - from) / step) + 1;
  if (count > MAX_CASES) fail(`${label} expands to ${count} values, above the limit of ${MAX_CASES}; use a larger step`);
  const out: number[] = [];
  for (let v = from; v <= to && out.length < count + 1; v = isMul ? v * step : v + step) out.push(v);
  return out;
}
