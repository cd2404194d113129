/**
 * github-action-benchmark "custom" JSON (anchors.md §5.1): an array of `{name, value, unit,
 * range?, extra?}`, validated by the action's zod schema (`src/extract.ts`). The direction is the
 * action's `tool` input, not a field, so times (`customSmallerIsBetter`) and throughputs
 * (`customBiggerIsBetter`) go to separate files. Entries match across runs by `name`, which must
 * be unique within a file: we use the case key. Cases that did not complete are left out (the
 * action needs a number), and so is a throughput for a case without a work count.
 */
import { formatSignificant } from '../render/units.js';
import { launchMedians } from '../results/launch-medians.js';
import type { CaseResult, ResultFile } from '../results/types.js';
import { median } from '../stats/quantile.js';

/** One entry of the action's custom JSON. */
export interface GabEntry {
  name: string;
  value: number;
  unit: string;
  range?: string;
  extra?: string;
}

/** Completed cases with their launch medians (seconds). */
function completed(result: ResultFile): { c: CaseResult; medians: number[] }[] {
  return result.results.flatMap((c) => {
    const medians = c.status === 'ok' ? launchMedians(c) : [];
    return medians.length > 0 ? [{ c, medians }] : [];
  });
}

/** `extra`: where and how it was measured, shown in the action's tooltip. */
function extra(result: ResultFile, medians: readonly number[]): string {
  return `machine: ${result.env.machine}\nlaunches: ${medians.length}`;
}

/** `range`: half the spread of launch medians, "± x", in the entry's unit. */
function range(values: readonly number[]): string | undefined {
  if (values.length < 2) return undefined;
  return `± ${formatSignificant((Math.max(...values) - Math.min(...values)) / 2, 3)}`;
}

/** Smaller-is-better: the median of launch medians of per-iteration time, in milliseconds. */
export function gabSmaller(result: ResultFile): GabEntry[] {
  return completed(result).map(({ c, medians }) => {
    const ms = medians.map((s) => s * 1e3);
    const r = range(ms);
    return { name: c.key, value: median(ms), unit: 'ms', ...(r ? { range: r } : {}), extra: extra(result, medians) };
  });
}

/** Bigger-is-better: GFLOP/s (or samples/s for training steps) at each launch's median time. */
export function gabBigger(result: ResultFile): GabEntry[] {
  return completed(result).flatMap(({ c, medians }) => {
    const samples = c.work.samples !== undefined;
    const work = samples ? c.work.samples : c.work.flop !== undefined ? c.work.flop / 1e9 : undefined;
    if (work === undefined) return [];
    const rates = medians.map((s) => work / s);
    const r = range(rates);
    const unit = samples ? 'samples/s' : 'GFLOP/s';
    return [{ name: c.key, value: median(rates), unit, ...(r ? { range: r } : {}), extra: extra(result, medians) }];
  });
}

/** Renders entries as the action reads them: a pretty JSON array. */
export function renderGab(entries: readonly GabEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
