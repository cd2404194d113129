/**
 * The launch bootstrap behind `mpsbench compare` (docs/gating.md, "The rule").
 *
 * Each side of a comparison is a list of per-launch medians (one per fresh runner process),
 * oriented so that a ratio > 1 means "current is slower". Intervals are percentile bootstraps
 * (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, §13.3) that resample whole
 * launches, independently per side: B times, draw K launches with replacement from each side,
 * recompute the statistic, and take the 2.5% and 97.5% quantiles (Hyndman–Fan type 7).
 * Resampling launches, not iterations, keeps the process-to-process variance in the interval
 * (pooling iterations makes intervals too narrow; the simulation of docs/gating.md measures it).
 * `bootstrapRatioCi`, the ratio of the two medians, was the gate's statistic until 2026-11-26; the
 * fleet report's speed-up intervals (fleet/speedup-ci.ts) use it.
 *
 * Verdicts must not flicker between runs of the same files (after
 * Chromium's seeded RatioBootstrapEstimator), so the generator is seeded from a hash of both
 * sides' numbers: the same inputs give the same interval on every machine.
 *
 * A resample's quantile is found without sorting: the sides are sorted once, a resample is a
 * vector of counts over the sorted values, and the quantile is read off the running count (O(K)).
 *
 * The gate itself (`gateCis`, docs/gating.md "The rule") decides on two statistics of the same
 * launch resamples, because the median of 10 launch medians jumps between kernel modes when a
 * minority of launches is slow (with 30% of launches on a +8% kernel it sits in or between the
 * modes 15% of the time), which makes its percentile interval too wide to confirm a 2T slowdown:
 *
 * - typical: the Hodges–Lehmann shift ratio, exp(median over all K_c·K_b pairs of
 *   ln c_i − ln b_j) (Hodges & Lehmann 1963; Lehmann, "Nonparametrics", 1975, §2.5): the median
 *   ratio of a random current launch to a random baseline launch. Under a pure multiplicative
 *   change it estimates that change; with identical sides it is 1. Breakdown ≈ 29% per side.
 * - fast: the ratio of the lower quartiles (type 7) of the launch medians, the speed of the
 *   fastest quarter of launches, which slow launches (a slower kernel, a noisy neighbour) leave
 *   alone until they are more than ~60% of a resample.
 *
 * Both get a 95% percentile interval from the same B resamples of whole launches. The pairwise
 * differences are sorted once with their launch indices; a resample weights pair (i, j) by
 * count_c[i] · count_b[j], and its Hodges–Lehmann value is the weighted median (O(K_c·K_b) each).
 */
import { createRng, type Rng } from './rng.js';
import { median, medianSorted, quantileSorted, sortSamples } from './quantile.js';

/** Bootstrap resamples per comparison, B = 10 000 (docs/gating.md). */
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

/**
 * Type 7 quantile p of a resample given as `counts` over ascending `sorted` values: the values at
 * ranks floor(h) and floor(h) + 1 of the resample, h = (K − 1) p, interpolated.
 */
function countedQuantile(sorted: readonly number[], counts: Uint32Array, p: number): number {
  const k = sorted.length;
  const h = (k - 1) * p;
  const r0 = Math.floor(h);
  const frac = h - r0;
  const r1 = Math.min(r0 + 1, k - 1);
  let cum = 0;
  let x0 = NaN;
  for (let j = 0; j < k; j++) {
    cum += counts[j] ?? 0;
    const v = sorted[j] ?? NaN;
    if (Number.isNaN(x0) && cum > r0) x0 = v;
    if (cum > r1) return x0 + frac * (v - x0);
  }
  return x0;
}

/** Draws one resample of `k` launches as counts over their sorted order. */
function drawCounts(counts: Uint32Array, rng: Rng): void {
  const k = counts.length;
  counts.fill(0);
  for (let i = 0; i < k; i++) {
    const j = Math.floor(rng() * k);
    counts[j] = (counts[j] ?? 0) + 1;
  }
}

function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((xs[i] as number) < pivot) i++;
      while ((xs[j] as number) > pivot) j--;
      if (i <= j) {
        const t = xs[i] as number;
        xs[i++] = xs[j] as number;
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k] as number;
}

/** Type 7 quantile of an unsorted typed array by selection (same value as sorting, O(n)). */
function selectQuantile(xs: Float64Array, p: number): number {
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const xlo = select(xs, lo);
  if (h === lo) return xlo;
  // After select(lo), every element right of lo is ≥ xlo: the next order statistic is their min.
  let next = Infinity;
  for (let i = lo + 1; i < xs.length; i++) if ((xs[i] as number) < next) next = xs[i] as number;
  return xlo + (h - lo) * (next - xlo);
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

/** The lower quantile the gate's `fast` statistic uses: the lower quartile of launch medians. */
export const FAST_QUANTILE = 0.25;

function checkSides(baseline: readonly number[], current: readonly number[]): void {
  for (const [name, xs] of [['baseline', baseline], ['current', current]] as const) {
    if (xs.length === 0 || xs.some((x) => !(x > 0) || !Number.isFinite(x))) {
      throw new RangeError(`the ${name} side needs positive, finite launch medians`);
    }
  }
}

/** The gate's two statistics with their intervals (see the module comment). */
export interface GateCis {
  /** Hodges–Lehmann shift ratio of the launch medians and its CI: the typical launch. */
  typical: RatioCi;
  /** Ratio of the lower quartiles of the launch medians and its CI: the fast launches. */
  fast: RatioCi;
}

/**
 * Both statistics of the gate and their percentile bootstrap CIs over whole launches, from one set
 * of B resamples seeded from the data (as `bootstrapRatioCi`). Same input checks.
 */
export function gateCis(baseline: readonly number[], current: readonly number[], opts: BootstrapOptions = {}): GateCis {
  checkSides(baseline, current);
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? DEFAULT_LEVEL;
  const seed = opts.seed ?? seedFor(baseline, current);
  const rng = createRng(seed);
  const base = sortSamples(baseline);
  const cur = sortSamples(current);
  const nb = base.length;
  const nc = cur.length;
  // All pairwise log differences, sorted once, with the launch indices they come from.
  const pairs = nb * nc;
  const diff = new Float64Array(pairs);
  for (let i = 0; i < nc; i++) for (let j = 0; j < nb; j++) diff[i * nb + j] = Math.log(cur[i] ?? NaN) - Math.log(base[j] ?? NaN);
  const order = Uint32Array.from({ length: pairs }, (_, q) => q).sort((a, b) => (diff[a] ?? 0) - (diff[b] ?? 0));
  const sortedDiff = Float64Array.from(order, (q) => diff[q] ?? NaN);
  const pairCur = Int32Array.from(order, (q) => Math.floor(q / nb));
  const pairBase = Int32Array.from(order, (q) => q % nb);
  const loRank = (pairs - 1) >> 1;
  const hiRank = pairs >> 1;
  const cb = new Uint32Array(nb);
  const cc = new Uint32Array(nc);
  const hl = new Float64Array(resamples);
  const fast = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    drawCounts(cc, rng);
    drawCounts(cb, rng);
    // Weighted median of the sorted differences: the mean of the values at ranks loRank and
    // hiRank of the resample's K_c·K_b pairs (so the plain median of their multiset).
    let cum = 0;
    let q = 0;
    while (cum <= loRank) cum += (cc[pairCur[q] as number] as number) * (cb[pairBase[q++] as number] as number);
    const lo = sortedDiff[q - 1] as number;
    while (cum <= hiRank) cum += (cc[pairCur[q] as number] as number) * (cb[pairBase[q++] as number] as number);
    hl[r] = Math.exp((lo + (sortedDiff[q - 1] as number)) / 2);
    fast[r] = countedQuantile(cur, cc, FAST_QUANTILE) / countedQuantile(base, cb, FAST_QUANTILE);
  }
  const tail = (1 - level) / 2;
  const ci = (ratio: number, xs: Float64Array): RatioCi => ({
    ratio,
    lo: selectQuantile(xs, tail),
    hi: selectQuantile(xs, 1 - tail),
    level,
    resamples,
    seed,
  });
  return {
    typical: ci(Math.exp(medianSorted(sortSamples(Array.from(sortedDiff)))), hl),
    fast: ci(quantileSorted(cur, FAST_QUANTILE) / quantileSorted(base, FAST_QUANTILE), fast),
  };
}
