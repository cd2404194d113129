/**
 * Finds sweeps among a comparison's cases: cases of one workload and dtype that differ in one
 * parameter (matmul size, batch, …) are one sweep, drawn as one curve per chip × backend.
 * Parameters that move together in every case (m = n = k of square matmuls) count as one axis
 * (`m=n=k`). A sweep needs some chip × backend measured at `MIN_POINTS` or more of its values (so
 * it draws a curve, not scattered points); the rest stay single cases.
 */
import type { ParamValue } from '../types.js';
import type { CaseTable } from './types.js';

/** Distinct axis values a sweep needs. */
export const MIN_POINTS = 3;

/** Cases that differ in one axis. */
export interface Sweep {
  workload: string;
  dtype: string;
  /** Axis parameter names (`['m', 'n', 'k']` for square matmuls) and its label (`m=n=k`). */
  axis: string[];
  label: string;
  /** The parameters every case shares, as text (`batch=1 trans_a=false …`). */
  fixed: string;
  /** Cases in ascending axis order, with their axis value. */
  points: { x: number; table: CaseTable }[];
}

/** A partition of cases into sweeps and single cases (first-seen order). */
export interface CaseLayout {
  sweeps: Sweep[];
  singles: CaseTable[];
}

/** A positive finite number param value, else undefined. */
function numeric(v: ParamValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** A param value as text for keys and labels. */
export function paramText(v: ParamValue | undefined): string {
  return Array.isArray(v) ? `[${v.join(',')}]` : String(v);
}

/** Candidate axes of a case: each numeric param, and each group of ≥2 numeric params with one value. */
function axesOf(table: CaseTable): string[][] {
  const byValue = new Map<number, string[]>();
  const singles: string[][] = [];
  for (const name of Object.keys(table.params)) {
    const v = numeric(table.params[name]);
    if (v === undefined) continue;
    singles.push([name]);
    byValue.set(v, [...(byValue.get(v) ?? []), name]);
  }
  return [...[...byValue.values()].filter((g) => g.length > 1), ...singles];
}

/** The grouping key of `table` for `axis`: every other param; undefined if the axis is not uniform. */
function restKey(table: CaseTable, axis: readonly string[]): { key: string; x: number } | undefined {
  const xs = axis.map((a) => numeric(table.params[a]));
  const x = xs[0];
  if (x === undefined || xs.some((v) => v !== x)) return undefined;
  const rest = Object.keys(table.params)
    .filter((k) => !axis.includes(k))
    .sort()
    .map((k) => `${k}=${paramText(table.params[k])}`);
  return { key: rest.join(' '), x };
}

/** Groups of `cases` along `axis` that have enough distinct values. */
function groupsAlong(cases: readonly CaseTable[], axis: readonly string[]): Map<string, { x: number; table: CaseTable }[]> {
  const groups = new Map<string, { x: number; table: CaseTable }[]>();
  for (const table of cases) {
    const k = restKey(table, axis);
    if (k === undefined) continue;
    const group = groups.get(k.key);
    if (group) group.push({ x: k.x, table });
    else groups.set(k.key, [{ x: k.x, table }]);
  }
  for (const [k, pts] of groups) if (!isCurve(pts.map((p) => p.table))) groups.delete(k);
  return groups;
}

/** Whether some chip × backend completed at least `MIN_POINTS` of the cases (a curve, not scattered points). */
function isCurve(tables: readonly CaseTable[]): boolean {
  const counts = new Map<string, number>();
  for (const t of tables) {
    for (const r of t.rows) {
      if (r.rate === undefined) continue;
      const key = `${r.device.key}|${r.backend}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts.values()].some((n) => n >= MIN_POINTS);
}

/** Sweeps of one workload × dtype, greedily by the axis that covers the most cases. */
function sweepsOf(cases: CaseTable[]): Sweep[] {
  const out: Sweep[] = [];
  let left = cases;
  for (;;) {
    const axes = [...new Map(left.flatMap(axesOf).map((a) => [a.join('='), a])).values()];
    let best: { axis: string[]; key: string; pts: { x: number; table: CaseTable }[] } | undefined;
    for (const axis of axes) {
      for (const [key, pts] of groupsAlong(left, axis)) {
        if (best === undefined || pts.length > best.pts.length || (pts.length === best.pts.length && axis.length > best.axis.length)) best = { axis, key, pts };
      }
    }
    if (best === undefined) return out;
    const head = best.pts[0]?.table;
    if (head === undefined) return out;
    const points = [...best.pts].sort((a, b) => a.x - b.x);
    out.push({ workload: head.workload, dtype: head.dtype, axis: best.axis, label: best.axis.join('='), fixed: best.key, points });
    const used = new Set(points.map((p) => p.table));
    left = left.filter((t) => !used.has(t));
  }
}

/** Splits the cases into sweeps and single cases. */
export function layoutCases(cases: readonly CaseTable[]): CaseLayout {
  const groups = new Map<string, CaseTable[]>();
  for (const t of cases) {
    // appended in place: a copy per insert made 40k cases take 15 s
    const group = groups.get(`${t.workload}|${t.dtype}`);
    if (group) group.push(t);
    else groups.set(`${t.workload}|${t.dtype}`, [t]);
  }
  const sweeps = [...groups.values()].flatMap(sweepsOf);
  const inSweep = new Set(sweeps.flatMap((s) => s.points.map((p) => p.table)));
  return { sweeps, singles: cases.filter((t) => !inSweep.has(t)) };
}
