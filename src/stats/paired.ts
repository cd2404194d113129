/**
 * Paired statistics for interleaved A/B runs (docs/gating.md, "Interleaved: paired statistics"): when launch
 * k of the baseline and launch k of the current side ran back to back, in a randomised order, the
 * machine's state at that moment (other load, clocks, heat) falls on both, and the log ratio
 *
 *   d_k = ln(current_k) − ln(baseline_k)
 *
 * no longer carries it. Under "no change" the randomised order makes each d_k symmetric about 0
 * (A and B are exchangeable within a pair); under a multiplicative change δ, symmetric about
 * ln(1 + δ). Two statistics, as the unpaired gate (bootstrap.ts `gateCis`) has:
 *
 * - typical: the one-sample Hodges–Lehmann estimator of the centre of the d_k, exp(median of the
 *   Walsh averages (d_i + d_j) / 2, i ≤ j), with the distribution-free confidence interval of the
 *   Wilcoxon signed-rank test: the Walsh averages of ranks C + 1 and M − C (1-based, M = n(n+1)/2
 *   Walsh averages), C the largest c with P(T⁺ ≤ c) ≤ α/2 under the null (Hollander, Wolfe &
 *   Chicken, "Nonparametric Statistical Methods", 3rd ed., §3.2; Lehmann 1975 §4.2). Exact for
 *   n ≤ 60 (the null distribution of T⁺ by counting subset sums), normal approximation with
 *   continuity correction above. Its coverage needs only symmetry and independence of the pairs,
 *   which the randomised, balanced order provides; it is reported as achieved (≥ the level asked
 *   when n ≥ 6; with 5 pairs the widest interval [min, max] covers 93.75%).
 * - fast: the ratio of the lower quartiles of the two sides, with a percentile bootstrap that
 *   resamples whole pairs (so launches that shared a moment stay together), B = 10 000, seeded
 *   from the data.
 */
import { DEFAULT_LEVEL, DEFAULT_RESAMPLES, FAST_QUANTILE, seedFor, type BootstrapOptions, type RatioCi } from './bootstrap.js';
import { createRng } from './rng.js';
import { quantileSorted, sortSamples } from './quantile.js';

/** Largest number of pairs for which the signed-rank null distribution is computed exactly. */
export const EXACT_SIGNED_RANK_MAX_N = 60;

/** The paired statistics of an interleaved comparison. */
export interface PairedCis {
  /** One-sample Hodges–Lehmann ratio of the pairs with its signed-rank CI (`level` as achieved). */
  typical: RatioCi;
  /** Lower-quartile ratio with a pair-resampling bootstrap CI. */
  fast: RatioCi;
  /** Pairs used. */
  pairs: number;
}

/** Counts of T⁺ = s for s = 0 … n(n+1)/2 over the 2ⁿ sign patterns (as floats: n ≤ 60 fits). */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  let top = 0;
  for (let r = 1; r <= n; r++) {
    for (let s = top; s >= 0; s--) counts[s + r] = (counts[s + r] ?? 0) + (counts[s] ?? 0);
    top += r;
  }
  return counts;
}

/**
 * The signed-rank critical count C for n pairs at two-sided level `level`: the largest c with
 * P(T⁺ ≤ c − 1) ≤ (1 − level)/2, so that Walsh averages of ranks c … M − c + 1 (1-based) form the
 * interval, and that interval's exact coverage. C = 1 (the whole range) when no c reaches the level.
 */
export function signedRankRanks(n: number, level = DEFAULT_LEVEL): { lower: number; coverage: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the signed-rank interval needs at least one pair, got n = ${n}`);
  const tail = (1 - level) / 2;
  const m = (n * (n + 1)) / 2;
  if (n > EXACT_SIGNED_RANK_MAX_N) {
    const mean = m / 2;
    const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
    const z = normalQuantileUpper(tail);
    const c = Math.max(1, Math.floor(mean - z * sd + 0.5));
    return { lower: c, coverage: level };
  }
  const counts = signedRankCounts(n);
  const total = 2 ** n;
  let cdf = 0;
  let c = 0; // P(T⁺ ≤ c − 1) = cdf after adding counts[0 … c − 1]
  while (c <= m && cdf + (counts[c] ?? 0) / total <= tail) cdf += (counts[c++] ?? 0) / total;
  if (c === 0) return { lower: 1, coverage: 1 - 2 / total };
  return { lower: c, coverage: 1 - 2 * cdf };
}

/** z with P(Z > z) = p for the standard normal, by bisection on erfc (p in (0, 0.5)). */
function normalQuantileUpper(p: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(Z > z) by the Abramowitz–Stegun 7.1.26 erfc approximation (|error| < 1.5e-7). */
function upperTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return (poly * Math.exp(-x * x)) / 2;
}

/** The Walsh averages (d_i + d_j)/2, i ≤ j, sorted ascending. */
export function walshAverages(d: readonly number[]): Float64Array {
  const out = new Float64Array((d.length * (d.length + 1)) / 2);
  let q = 0;
  for (let i = 0; i < d.length; i++) for (let j = i; j < d.length; j++) out[q++] = ((d[i] as number) + (d[j] as number)) / 2;
  return out.sort();
}

function checkPairs(baseline: readonly number[], current: readonly number[]): void {
  if (baseline.length !== current.length || baseline.length === 0) {
    throw new RangeError(`paired statistics need the same positive number of launches per side, got ${baseline.length} and ${current.length}`);
  }
  for (const [name, xs] of [['baseline', baseline], ['current', current]] as const) {
    if (xs.some((x) => !(x > 0) || !Number.isFinite(x))) throw new RangeError(`the ${name} side needs positive, finite launch medians`);
  }
}

/** The paired typical statistic alone: one-sample Hodges–Lehmann ratio and its signed-rank CI. */
export function pairedShiftCi(baseline: readonly number[], current: readonly number[], level = DEFAULT_LEVEL): RatioCi {
  checkPairs(baseline, current);
  const d = current.map((c, k) => Math.log(c) - Math.log(baseline[k] as number));
  const walsh = walshAverages(d);
  const m = walsh.length;
  const { lower, coverage } = signedRankRanks(d.length, level);
  const mid = (m - 1) / 2;
  const centre = ((walsh[Math.floor(mid)] as number) + (walsh[Math.ceil(mid)] as number)) / 2;
  return {
    ratio: Math.exp(centre),
    lo: Math.exp(walsh[lower - 1] as number),
    hi: Math.exp(walsh[m - lower] as number),
    level: coverage,
    resamples: 0,
    seed: 0,
  };
}

/** Type 7 quantile p of `xs` at the resampled indices `idx`, with `scratch` as sort space. */
function resampledQuantile(xs: readonly number[], idx: Uint32Array, scratch: Float64Array, p: number): number {
  for (let i = 0; i < idx.length; i++) scratch[i] = xs[idx[i] as number] as number;
  scratch.sort();
  const h = (scratch.length - 1) * p;
  const lo = Math.floor(h);
  const x0 = scratch[lo] as number;
  return x0 + (h - lo) * ((scratch[Math.min(lo + 1, scratch.length - 1)] as number) - x0);
}

/** The paired fast statistic: lower-quartile ratio with a bootstrap over whole pairs. */
export function pairedFastCi(baseline: readonly number[], current: readonly number[], opts: BootstrapOptions = {}): RatioCi {
  checkPairs(baseline, current);
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? DEFAULT_LEVEL;
  const seed = opts.seed ?? seedFor(baseline, current);
  const rng = createRng(seed);
  const n = baseline.length;
  const idx = new Uint32Array(n);
  const sa = new Float64Array(n);
  const sb = new Float64Array(n);
  const out = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
    out[r] = resampledQuantile(current, idx, sb, FAST_QUANTILE) / resampledQuantile(baseline, idx, sa, FAST_QUANTILE);
  }
  out.sort();
  const tail = (1 - level) / 2;
  const q = (p: number): number => {
    const h = (resamples - 1) * p;
    const lo = Math.floor(h);
    const x0 = out[lo] as number;
    return x0 + (h - lo) * ((out[Math.min(lo + 1, resamples - 1)] as number) - x0);
  };
  const ratio = quantileSorted(sortSamples(current), FAST_QUANTILE) / quantileSorted(sortSamples(baseline), FAST_QUANTILE);
  return { ratio, lo: q(tail), hi: q(1 - tail), level, resamples, seed };
}

/**
 * Both paired statistics of an interleaved comparison: `baseline[k]` and `current[k]` are the
 * launch medians of launch k of each side, which ran back to back. RangeError on unequal or empty
 * sides and on non-positive or non-finite times.
 */
export function pairedCis(baseline: readonly number[], current: readonly number[], opts: BootstrapOptions = {}): PairedCis {
  return {
    typical: pairedShiftCi(baseline, current, opts.level ?? DEFAULT_LEVEL),
    fast: pairedFastCi(baseline, current, opts),
    pairs: baseline.length,
  };
}
