/**
 * The headline of a comparison, computed from the merged case tables: per workload family, the
 * speed-up of each GPU path (chip × backend) over each CPU baseline of its own machine (the
 * largest, with its interval and case, and the median over the cases both ran), and per chip the
 * best throughput with its percent of peak. Pure; renderers only format it.
 */
import { pickValue } from './pick.js';
import { CPU_BASELINES, type CaseTable, type Comparison, type MergedRow, type PeakShare, type RateUnit, type SpeedupCi } from './types.js';

/** One speed-up of one case, with where it came from. */
export interface CaseSpeedup {
  spec: string;
  dtype: string;
  value: number;
  ci?: SpeedupCi;
}

/** A GPU path's speed-ups over one baseline across a family's cases. */
export interface FamilySpeedup {
  workload: string;
  /** `NVIDIA H200 SXM · cuda`. */
  path: string;
  backend: string;
  baseline: string;
  /** The baseline's device label (`Intel(R) Xeon(R) Processor (16 threads)`). */
  baselineDevice: string;
  machines: string[];
  best: CaseSpeedup;
  median: number;
  cases: number;
}

/** The best throughput of one chip in one family. */
export interface ChipBest {
  workload: string;
  device: string;
  kind: 'gpu' | 'cpu';
  backend: string;
  spec: string;
  dtype: string;
  rate: { value: number; unit: RateUnit };
  share?: PeakShare;
}

/** The overview's data. */
export interface Overview {
  speedups: FamilySpeedup[];
  bests: ChipBest[];
}

/** The baseline row a GPU row was compared with: same backend name, sharing a machine. */
function baselineRow(table: CaseTable, row: MergedRow, base: string): MergedRow | undefined {
  return table.rows.find((r) => r.backend === base && r.machines.some((m) => row.machines.includes(m)));
}

/** Adds every GPU row's speed-ups of `table` to `acc`, keyed by family, path and baseline. */
function collect(table: CaseTable, acc: Map<string, { head: FamilySpeedup; list: CaseSpeedup[] }>): void {
  for (const row of table.rows) {
    if (row.device.kind !== 'gpu') continue;
    for (const base of CPU_BASELINES) {
      const value = row.speedups[base];
      if (value === undefined || !Number.isFinite(value)) continue;
      const path = `${row.device.label} · ${row.backend}`;
      const key = `${table.workload}|${path}|${base}`;
      const item: CaseSpeedup = { spec: table.spec, dtype: table.dtype, value };
      const ci = row.speedupCis[base];
      if (ci !== undefined) item.ci = ci;
      const seen = acc.get(key);
      if (seen !== undefined) {
        seen.list.push(item);
        continue;
      }
      const head: FamilySpeedup = {
        workload: table.workload,
        path,
        backend: row.backend,
        baseline: base,
        baselineDevice: baselineRow(table, row, base)?.device.label ?? base,
        machines: row.machines,
        best: item,
        median: value,
        cases: 0,
      };
      acc.set(key, { head, list: [item] });
    }
  }
}

/** Speed-up summaries in first-seen order. */
export function familySpeedups(cmp: Comparison): FamilySpeedup[] {
  const acc = new Map<string, { head: FamilySpeedup; list: CaseSpeedup[] }>();
  for (const table of cmp.cases) collect(table, acc);
  return [...acc.values()].map(({ head, list }) => ({
    ...head,
    best: list.reduce((a, b) => (b.value > a.value ? b : a)),
    median: pickValue(list.map((c) => c.value), 'median', false) ?? Number.NaN,
    cases: list.length,
  }));
}

/** Best throughput per family × chip (across backends and dtypes), first-seen order. */
export function chipBests(cmp: Comparison): ChipBest[] {
  const best = new Map<string, ChipBest>();
  for (const table of cmp.cases) {
    for (const row of table.rows) {
      if (row.rate === undefined || !Number.isFinite(row.rate.value)) continue;
      const key = `${table.workload}|${row.device.label}|${row.rate.unit}`;
      const seen = best.get(key);
      if (seen !== undefined && seen.rate.value >= row.rate.value) continue;
      const item: ChipBest = {
        workload: table.workload,
        device: row.device.label,
        kind: row.device.kind,
        backend: row.backend,
        spec: table.spec,
        dtype: table.dtype,
        rate: row.rate,
      };
      if (row.share !== undefined) item.share = row.share;
      best.set(key, item);
    }
  }
  return [...best.values()];
}

/** The overview of a comparison. */
export function overviewOf(cmp: Comparison): Overview {
  return { speedups: familySpeedups(cmp), bests: chipBests(cmp) };
}
