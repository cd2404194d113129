/**
 * Reference statistics for the tests, kept out of src/: the ratio-of-medians bootstrap interval
 * (the gate's statistic until 2026-11-26, docs/gating.md says why it was replaced), naive
 * versions of the gate's two point estimates, and plain resampling helpers. The tests check
 * src/stats/bootstrap.ts `gateCis` against them.
 */
import { DEFAULT_LEVEL, DEFAULT_RESAMPLES, FAST_QUANTILE, seedFor, type BootstrapOptions, type RatioCi } from '../../src/stats/bootstrap.js';
import { median, quantileSorted, sortSamples } from '../../src/stats/quantile.js';
import { createRng, type Rng } from '../../src/stats/rng.js';

function checkSides(baseline: readonly number[], current: readonly number[]): void {
  for (const [name, xs] of [['baseline', baseline], ['current', current]] as const) {
    if (xs.length === 0 || xs.some((x) => !(x > 0) || !Number.isFinite(x))) {
      throw new RangeError(`the ${name} side needs positive, finite launch medians`);
    }
  }
}

/** The point estimate θ = median(current) / median(baseline). */
export function medianRatio(baseline: readonly number[], current: readonly number[]): number {
  return median(current) / median(baseline);
}

/**
 * The median of one bootstrap resample of `sorted`, drawn with `counts` as scratch space: K
 * indices are drawn, counted, and the median read from the cumulative counts (type 7, so the
 * mean of the two middle values when K is even).
 */
function resampledMedian(sorted: readonly number[], counts: Uint32Array, rng: Rng): number {
  const k = sorted.length;
  counts.fill(0);
  for (let i = 0; i < k; i++) {
    const j = Math.floor(rng() * k); // randomIndex inlined: this loop is the hot path
    counts[j] = (counts[j] ?? 0) + 1;
  }
  const loRank = (k - 1) >> 1;
  const hiRank = k >> 1;
  let cum = 0;
  let lo = NaN;
  for (let j = 0; j < k; j++) {
    cum += counts[j] ?? 0;
    const v = sorted[j] ?? NaN;
    if (Number.isNaN(lo) && cum > loRank) lo = v;
    if (cum > hiRank) return (lo + v) / 2;
  }
  return lo;
}

/** Type 7 quantile of an ascending typed array (the same rule as `quantileSorted`). */
function typedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const xlo = sorted[lo] ?? NaN;
  const xhi = sorted[Math.min(lo + 1, sorted.length - 1)] ?? NaN;
  return h === lo ? xlo : xlo + (h - lo) * (xhi - xlo);
}

/** The k-th smallest of `xs` (0-based) by Hoare's quickselect; reorders `xs` in place. */
/** The B resampled ratios θ*, sorted ascending. */
export function bootstrapRatios(
  baseline: readonly number[],
  current: readonly number[],
  resamples: number,
  rng: Rng,
): Float64Array {
  const base = sortSamples(baseline);
  const cur = sortSamples(current);
  const baseCounts = new Uint32Array(base.length);
  const curCounts = new Uint32Array(cur.length);
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    const c = resampledMedian(cur, curCounts, rng);
    out[b] = c / resampledMedian(base, baseCounts, rng);
  }
  return out.sort();
}

/**
 * θ and its percentile bootstrap CI over whole launches (see the module comment). Both sides need
 * at least one positive, finite value; a RangeError otherwise, since a ratio of times is
 * undefined for them. With one launch per side the interval collapses to the point: callers must
 * refuse to decide on that (`insufficient-data`), not read it as certainty.
 */
export function bootstrapRatioCi(
  baseline: readonly number[],
  current: readonly number[],
  opts: BootstrapOptions = {},
): RatioCi {
  for (const [name, xs] of [['baseline', baseline], ['current', current]] as const) {
    if (xs.length === 0 || xs.some((x) => !(x > 0) || !Number.isFinite(x))) {
      throw new RangeError(`the ${name} side needs positive, finite launch medians`);
    }
  }
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? DEFAULT_LEVEL;
  const seed = opts.seed ?? seedFor(baseline, current);
  const ratios = bootstrapRatios(baseline, current, resamples, createRng(seed));
  const tail = (1 - level) / 2;
  return {
    ratio: medianRatio(baseline, current),
    lo: typedQuantile(ratios, tail),
    hi: typedQuantile(ratios, 1 - tail),
    level,
    resamples,
    seed,
  };
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
