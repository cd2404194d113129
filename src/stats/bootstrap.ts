/**
 * The launch bootstrap behind `mpsbench compare` (DESIGN.md §6; shared/docs/anchors.md §4.3).
 *
 * Each side of a comparison is a list of per-launch medians (one per fresh runner process). The
 * statistic is the ratio of their medians, oriented so that θ > 1 means "current is slower":
 *
 *   θ = median(current launch medians) / median(baseline launch medians)
 *
 * Its 95% confidence interval is a percentile bootstrap (Efron & Tibshirani, "An Introduction to
 * the Bootstrap", 1993, §13.3) that resamples whole launches, independently per side: B times,
 * draw K launches with replacement from each side, recompute θ*, and take the 2.5% and 97.5%
 * quantiles (Hyndman–Fan type 7) of the θ*. Resampling launches, not iterations, keeps the
 * process-to-process variance in the interval (anchors.md §4.2 point 2: pooling iterations makes
 * intervals too narrow; the simulation in anchors.md §4.4 and docs/gating.md measures it).
 *
 * Verdicts must not flicker between runs of the same files (anchors.md §4.2 point 3, after
 * Chromium's seeded RatioBootstrapEstimator), so the generator is seeded from a hash of both
 * sides' numbers: the same inputs give the same interval on every machine.
 *
 * A resample's median is found without sorting: the sides are sorted once, a resample is a vector
 * of counts over the sorted values, and the median is read off the running count (O(K) each).
 */
import { createRng, type Rng } from './rng.js';
import { median, sortSamples } from './quantile.js';

/** Bootstrap resamples per comparison (anchors.md §4.3: B = 10 000). */
export const DEFAULT_RESAMPLES = 10_000;

/** Two-sided confidence level of the interval. */
export const DEFAULT_LEVEL = 0.95;

/** A ratio with its bootstrap confidence interval. */
export interface RatioCi {
  /** Point estimate θ = median(current) / median(baseline). */
  ratio: number;
  lo: number;
  hi: number;
  level: number;
  resamples: number;
  /** The seed the resampling used, for reproducing it. */
  seed: number;
}

/** Options of `bootstrapRatioCi`; every field has a default. */
export interface BootstrapOptions {
  resamples?: number;
  level?: number;
  /** Overrides the seed derived from the data (`seedFor`). */
  seed?: number;
}

/**
 * A 32-bit FNV-1a hash (Fowler–Noll–Vo) of both sides' numbers in their shortest round-trip
 * decimal form, so the seed depends on the data only, never on the platform or the clock.
 */
export function seedFor(baseline: readonly number[], current: readonly number[]): number {
  const text = `${baseline.join(',')}|${current.join(',')}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
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
