/**
 * Per-launch summaries of a case, the unit `compare` and the exports work in: one median of
 * per-iteration time per good launch (a fresh runner process that returned samples). Computed from
 * the raw samples when the file has them (they are the source of truth), else taken from
 * `stats.launch_medians_s`.
 */
import { median } from '../stats/quantile.js';
import type { CaseResult, LaunchRecord } from './types.js';

/** Per-iteration times of one launch, seconds (sample ÷ iterations per sample); assemble.ts uses it too. */
export function launchIterationTimes(l: LaunchRecord): number[] {
  const ips = l.iters_per_sample ?? 1;
  return (l.samples_ns ?? []).map((ns) => ns / ips / 1e9);
}

/** A launch that completed and returned at least one sample. */
export function isGoodLaunch(l: LaunchRecord): boolean {
  return l.ok && (l.samples_ns?.length ?? 0) > 0;
}

/** The good launches of a case, in launch order. */
export function goodLaunches(c: CaseResult): LaunchRecord[] {
  return c.launches.filter(isGoodLaunch);
}

/** Median per-iteration time of each good launch, seconds, in launch order. */
export function launchMedians(c: CaseResult): number[] {
  const good = goodLaunches(c);
  if (good.length > 0) return good.map((l) => median(launchIterationTimes(l)));
  return [...(c.stats?.launch_medians_s ?? [])];
}

/**
 * Median per-iteration time of each good launch by its launch index (for pairing launch k of two
 * interleaved sides). A file without raw samples has no indices: its medians are numbered in order.
 */
export function launchMediansByIndex(c: CaseResult): Map<number, number> {
  const good = goodLaunches(c);
  if (good.length > 0) return new Map(good.map((l) => [l.index, median(launchIterationTimes(l))]));
  return new Map((c.stats?.launch_medians_s ?? []).map((m, i) => [i, m]));
}

/** Iterations a launch timed: samples × iterations per sample. */
export function launchIterations(l: LaunchRecord): number {
  return (l.samples_ns?.length ?? 0) * (l.iters_per_sample ?? 1);
}
