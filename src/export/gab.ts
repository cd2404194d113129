/**
 * github-action-benchmark "custom" JSON (benchmark-action/github-action-benchmark): an array of `{name, value, unit,
 * range?, extra?}`, validated by the action's zod schema (`src/extract.ts`). The direction is the
 * action's `tool` input, not a field, so times (`customSmallerIsBetter`) and throughputs
 * (`customBiggerIsBetter`) go to separate files. Entries match across runs by `name`, which must
 * be unique within a file: we use the case key. `value` is the median the tables show and
 * `range` their "± CI95": half the 95% confidence interval of that median (for throughputs, half
 * the interval's image in the rate), present with one launch too; `extra` says so. Cases that did
 * not complete are left out (the action needs a number), and so is a throughput for a case
 * without a work count.
 */
import { formatSignificant } from '../render/units.js';
import type { CaseResult, CaseStats, ResultFile } from '../results/types.js';

/** One entry of the action's custom JSON. */
export interface GabEntry {
  name: string;
  value: number;
  unit: string;
  range?: string;
  extra?: string;
}

/** Completed cases with usable statistics (a positive median and a finite CI). */
function completed(result: ResultFile): { c: CaseResult; s: CaseStats }[] {
  return result.results.flatMap((c) => {
    const s = c.status === 'ok' ? c.stats : undefined;
    const ok = s !== undefined && s.median_s > 0 && Number.isFinite(s.ci_median_s[0]) && Number.isFinite(s.ci_median_s[1]);
    return ok ? [{ c, s }] : [];
  });
}

/** `extra`: where and how it was measured, and what the range is, shown in the action's tooltip. */
function extra(result: ResultFile, c: CaseResult): string {
  return `machine: ${result.env.machine}\nlaunches: ${c.launches.filter((l) => l.ok).length}\nrange: ± half the 95% CI of the median`;
}

/** `range`: "± x", half the width of [lo, hi], in the entry's unit. */
function range(lo: number, hi: number): string {
  return `± ${formatSignificant(Math.abs(hi - lo) / 2, 3)}`;
}

/** Smaller-is-better: the median per-iteration time the tables show, in milliseconds. */
export function gabSmaller(result: ResultFile): GabEntry[] {
  return completed(result).map(({ c, s }) => {
    const [lo, hi] = s.ci_median_s;
    return { name: c.key, value: s.median_s * 1e3, unit: 'ms', range: range(lo * 1e3, hi * 1e3), extra: extra(result, c) };
  });
}

/** Bigger-is-better: GFLOP/s (or samples/s for training steps) at the median time. */
export function gabBigger(result: ResultFile): GabEntry[] {
  return completed(result).flatMap(({ c, s }) => {
    const samples = c.work.samples !== undefined;
    const work = samples ? c.work.samples : c.work.flop !== undefined ? c.work.flop / 1e9 : undefined;
    if (work === undefined) return [];
    const [lo, hi] = s.ci_median_s;
    const unit = samples ? 'samples/s' : 'GFLOP/s';
    const entry: GabEntry = { name: c.key, value: work / s.median_s, unit, extra: extra(result, c) };
    if (lo > 0) entry.range = range(work / hi, work / lo);
    return [entry];
  });
}

/** Renders entries as the action reads them: a pretty JSON array. */
export function renderGab(entries: readonly GabEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
