/**
 * Merges result files from many machines into one comparison: one table per workload case, one
 * row per chip × backend. Several measurements of the same row are reduced by the pick rule;
 * speed-ups are taken per measurement against the CPU baselines of the *same machine* (never a
 * CPU of another machine), then picked the same way; percent of peak comes from `peaks.ts`.
 * Cases are grouped by spec and timing model, so a speed-up never divides streamed by isolated.
 */
import { timedSpec } from '../workloads/timing-key.js';
import { isLaunchBound } from '../results/timing-model.js';
import type { PeakRef } from './chips/types.js';
import type { ResultFile } from '../results/types.js';
import { identifyDevice } from './identify.js';
import { measuredCeilings, shareOf } from './peaks.js';
import { getWorkload } from '../workloads/index.js';
import { pickValue } from './pick.js';
import { measuredBandwidths, roofPosition } from './roofline.js';
import { speedupInterval } from './speedup-ci.js';
import { systemsOf } from './systems.js';
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
    result.results.map((c) => ({
      file,
      machine: result.env.machine,
      device: identifyDevice(result, c.backend),
      result: c,
      interleaved: result.settings.interleave !== undefined,
    })),
  );
}

/** Median time of a completed observation. */
function okMedian(o: Observation): number | undefined {
  const m = o.result.status === 'ok' ? o.result.stats?.median_s : undefined;
  return m !== undefined && m > 0 ? m : undefined;
}

/** Completed baseline observations per `machine|spec|backend`, and their picked time. */
interface Baselines {
  times: Map<string, number>;
  obs: Map<string, Observation[]>;
}

/** Picked baseline time per `machine|spec|backend`, for the CPU baseline backends. */
function baselineTimes(obs: readonly Observation[], rule: PickRule): Baselines {
  const groups = new Map<string, Observation[]>();
  for (const o of obs) {
    if (okMedian(o) === undefined || !(CPU_BASELINES as readonly string[]).includes(o.result.backend)) continue;
    push(groups, `${o.machine}|${timedSpec(o.result)}|${o.result.backend}`, o);
  }
  const times = new Map<string, number>();
  for (const [k, v] of groups) times.set(k, pickValue(v.map((o) => okMedian(o) ?? NaN), rule, true) ?? NaN);
  return { times, obs: groups };
}

/** The algorithm a runner reported for an observation's first completed launch. */
function algoOf(o: Observation | undefined): string | undefined {
  const launch = o?.result.launches.find((l) => l.ok);
  const info: unknown = launch?.info;
  if (typeof info !== 'object' || info === null || !Object.hasOwn(info, 'algo')) return undefined;
  const algo = (info as Record<string, unknown>).algo;
  return typeof algo === 'string' ? algo.slice(0, 200) : undefined;
}

/** The merged row of one chip × backend for one case. */
function mergeRow(group: readonly Observation[], rule: PickRule, baselines: Baselines): MergedRow {
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
    speedupCis: {},
  };
  const algo = algoOf(ok[0]);
  if (algo !== undefined) row.algo = algo;
  if (median === undefined) return row;
  row.median = median;
  if (isLaunchBound(median, first.device.kind === 'gpu')) row.launchBound = true;
  const { work } = first.result;
  if (work.samples !== undefined) row.rate = { value: work.samples / median, unit: 'samples' };
  else if (getWorkload(first.result.workload)?.rate === 'bytes' && work.bytes !== undefined) row.rate = { value: work.bytes / median, unit: 'bytes' };
  else if (work.flop !== undefined) row.rate = { value: work.flop / median, unit: 'flop' };
  for (const base of CPU_BASELINES) {
    if (base === row.backend) continue;
    const key = (o: Observation): string => `${o.machine}|${timedSpec(o.result)}|${base}`;  // like with like
    const ratios = ok.flatMap((o) => {
      const t = baselines.times.get(key(o));
      return t === undefined ? [] : [t / (okMedian(o) ?? NaN)];
    });
    const s = pickValue(ratios, rule, false);
    if (s === undefined) continue;
    row.speedups[base] = s;
    const pairs = ok.flatMap((o) => {
      const bases = baselines.obs.get(key(o));
      return bases === undefined ? [] : [{ head: o, bases }];
    });
    const ci = speedupInterval(pairs, s);
    if (ci !== undefined) row.speedupCis[base] = ci;
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
  const bandwidths = measuredBandwidths(obs);
  const baselines = baselineTimes(obs, rule);
  const bySpec = new Map<string, Observation[]>();
  for (const o of obs) push(bySpec, timedSpec(o.result), o);  // one table per spec and timing model
  const peaks = new Map<string, PeakRef>();
  const cases: CaseTable[] = [];
  for (const [spec, list] of bySpec) {
    const byRow = new Map<string, Observation[]>();
    for (const o of list) push(byRow, `${o.device.key}|${o.result.backend}`, o);
    const head = (list[0] as Observation).result;
    const rows = [...byRow.values()].map((g) => mergeRow(g, rule, baselines));
    for (const row of rows) {
      const roof = roofPosition(row.device, head.dtype, head.work, row.median, ceilings, bandwidths);
      if (roof !== undefined) row.roof = roof;
      const share = shareOf(row, head.dtype, ceilings);
      if (share === undefined) continue;
      row.share = share;
      peaks.set(share.peak.label, share.peak);
    }
    cases.push({ workload: head.workload, spec, dtype: head.dtype, params: head.params, rows });
  }
  return { pick: rule, inputs: summarize(files), cases, peaks: [...peaks.values()], systems: systemsOf(files) };
}
