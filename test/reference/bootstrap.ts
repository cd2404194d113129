/**
 * Reference statistics for the tests, kept out of src/: naive versions of the gate's two point
 * estimates and plain resampling helpers. The tests check src/stats/bootstrap.ts `gateCis`
 * against them.
 */
import { FAST_QUANTILE } from '../../src/stats/bootstrap.js';
import { median, quantileSorted, sortSamples } from '../../src/stats/quantile.js';
import type { Rng } from '../../src/stats/rng.js';

function checkSides(baseline: readonly number[], current: readonly number[]): void {
  for (const [name, xs] of [['baseline', baseline], ['current', current]] as const) {
    if (xs.length === 0 || xs.some((x) => !(x > 0) || !Number.isFinite(x))) {
      throw new RangeError(`the ${name} side needs positive, finite launch medians`);
    }
  }
}

/**
 * Hodges–Lehmann shift ratio: exp(median of ln c_i − ln b_j over all pairs). θ(x, x) = 1, and
 * scaling the current side by s scales it by s. A RangeError on an empty side or a non-positive or
 * non-finite time.
 */
export function hodgesLehmannRatio(baseline: readonly number[], current: readonly number[]): number {
  checkSides(baseline, current);
  const diffs: number[] = [];
  for (const c of current) for (const b of baseline) diffs.push(Math.log(c) - Math.log(b));
  return Math.exp(median(diffs));
}

/** Ratio of the type 7 `p` quantiles, current over baseline (the gate's `fast` statistic at 0.25). */
export function quantileRatio(baseline: readonly number[], current: readonly number[], p = FAST_QUANTILE): number {
  checkSides(baseline, current);
  return quantileSorted(sortSamples(current), p) / quantileSorted(sortSamples(baseline), p);
}

/** A uniform integer in [0, n), for picking a resample index. Throws a RangeError when n < 1. */
export function randomIndex(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`randomIndex needs a positive integer bound, got ${n}`);
  }
  return Math.min(Math.floor(rng() * n), n - 1);
}

/** Draws `xs.length` elements of `xs` with replacement (one bootstrap resample). */
export function resample<T>(xs: readonly T[], rng: Rng): T[] {
  return xs.map(() => xs[randomIndex(rng, xs.length)] as T);
}
