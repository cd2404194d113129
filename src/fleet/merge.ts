/**
 * Merges result files from many machines into one comparison: one table per workload case, one
 * row per chip × backend. Several measurements of the same row are reduced by the pick rule;
 * speed-ups are taken per measurement against the CPU baselines of the *same machine* (never a
 * CPU of another machine), then picked the same way; percent of peak comes from `peaks.ts`.
 */
import type { PeakRef } from './chips/types.js';
import type { ResultFile } from '../results/types.js';
import { identifyDevice } from './identify.js';
import { measuredCeilings, shareOf } from './peaks.js';
import { pickValue } from './pick.js';
import {
  CPU_BASELINES,
  type CaseTable,
  type Comparison,
  type InputSummary,
  type MergedRow,
  type Observation,
  type PickRule,
} from './types.js';

/** A parsed input file and the name it is reported under. */
export interface NamedResult {
  name: string;
  result: ResultFile;
}

/** Pushes `item` onto the list at `key`, creating it (Map keeps first-seen order). */
function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

/** Every case of every file, with the device and machine it ran on. */
export function observe(files: readonly NamedResult[]): Observation[] {
  return files.flatMap(({ result }, file) =>
    result.results.map((c) => ({ file, machine: result.env.machine, device: identifyDevice(result, c.backend), result: c })),
  );
}

/** Median time of a completed observation. */
function okMedian(o: Observation): number | undefined {
  const m = o.result.status === 'ok' ? o.result.stats?.median_s : undefined;
  return m !== undefined && m > 0 ? m : undefined;
}

/** Picked baseline time per `machine|spec|backend`, for the CPU baseline backends. */
function baselineTimes(obs: readonly Observation[], rule: PickRule): Map<string, number> {
  const groups = new Map<string, number[]>();
  for (const o of obs) {
    const m = okMedian(o);
    if (m === undefined || !(CPU_BASELINES as readonly string[]).includes(o.result.backend)) continue;
    push(groups, `${o.machine}|${o.result.spec}|${o.result.backend}`, m);
  }
  const out = new Map<string, number>();
  for (const [k, v] of groups) out.set(k, pickValue(v, rule, true) ?? NaN);
  return out;
}

/** The merged row of one chip × backend for one case. */
function mergeRow(group: readonly Observation[], rule: PickRule, baselines: ReadonlyMap<string, number>): MergedRow {
  const first = group[0] as Observation;
  const ok = group.filter((o) => okMedian(o) !== undefined);
  const median = pickValue(ok.map((o) => okMedian(o) ?? NaN), rule, true);
  const row: MergedRow = {
    device: first.device,
    backend: first.result.backend,
    machines: [...new Set(group.map((o) => o.machine))],
    n: ok.length,
    notOk: group.length - ok.length,
    status: ok.length > 0 ? 'ok' : first.result.status,
    speedups: {},
  };
  if (median === undefined) return row;
  row.median = median;
  const { work } = first.result;
  if (work.samples !== undefined) row.rate = { value: work.samples / median, unit: 'samples' };
  else if (work.flop !== undefined) row.rate = { value: work.flop / median, unit: 'flop' };
  for (const base of CPU_BASELINES) {
    if (base === row.backend) continue;
    const ratios = ok.flatMap((o) => {
      const t = baselines.get(`${o.machine}|${o.result.spec}|${base}`);
      return t === undefined ? [] : [t / (okMedian(o) ?? NaN)];
    });
    const s = pickValue(ratios, rule, false);
    if (s !== undefined) row.speedups[base] = s;
  }
  return row;
}

/** The input list of the report. */
function summarize(files: readonly NamedResult[]): InputSummary[] {
  return files.map(({ name, result }) => ({
    name,
    machine: result.env.machine,
    created: result.created,
    complete: result.complete,
    cases: result.results.length,
  }));
}

/** Merges `files` into a comparison (see the module comment). Pure and deterministic. */
export function mergeResults(files: readonly NamedResult[], rule: PickRule = 'median'): Comparison {
  const obs = observe(files);
  const ceilings = measuredCeilings(obs);
  const baselines = baselineTimes(obs, rule);
  const bySpec = new Map<string, Observation[]>();
  for (const o of obs) push(bySpec, o.result.spec, o);
  const peaks = new Map<string, PeakRef>();
  const cases: CaseTable[] = [];
  for (const [spec, list] of bySpec) {
    const byRow = new Map<string, Observation[]>();
    for (const o of list) push(byRow, `${o.device.key}|${o.result.backend}`, o);
    const head = (list[0] as Observation).result;
    const rows = [...byRow.values()].map((g) => mergeRow(g, rule, baselines));
    for (const row of rows) {
      const share = shareOf(row, head.dtype, ceilings);
      if (share === undefined) continue;
      row.share = share;
      peaks.set(share.peak.label, share.peak);
    }
    cases.push({ workload: head.workload, spec, dtype: head.dtype, rows });
  }
  return { pick: rule, inputs: summarize(files), cases, peaks: [...peaks.values()] };
}
