/**
 * 95% confidence interval of the median by order statistics (distribution-free).
 *
 * With n i.i.d. samples, the number B of samples below the true median is Binomial(n, 1/2), so
 * for 1-based order statistics x(l) ≤ x(u) with u = n − l + 1:
 *
 *   P(x(l) ≤ median ≤ x(u)) = 1 − 2 P(B ≤ l − 1)
 *
 * We take the largest l with 2 P(B ≤ l − 1) ≤ 0.05 (coverage ≥ 95%: the interval is
 * conservative).
 * See Conover, "Practical Nonparametric Statistics", 3rd ed., §3.2, or Hahn & Meeker,
 * "Statistical Intervals", §5.2.
 *
 * - n ≤ 100: exact binomial tail, summed from C(n, k) / 2ⁿ.
 * - n > 100: normal approximation with continuity correction,
 *   l = floor(n/2 + 1/2 − 1.959964 · √n / 2), which agrees with the exact ranks at n = 100.
 * - n < 6: even [x(1), x(n)] covers less than 95% (n = 5: 1 − 2/32 = 93.75%); we still return
 *   the [min, max] range, the widest interval the data allow, and callers should read it as such.
 */
import { at, type SortedSamples } from './quantile.js';

/** Two-sided standard normal quantile for 95%: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** Largest n for which the exact binomial ranks are used; above it the normal approximation. */
export const EXACT_RANKS_MAX_N = 100;

/** P(B ≤ k) for B ~ Binomial(n, 1/2), exact up to rounding (fine for n ≤ 1000). */
function binomialHalfCdf(n: number, k: number): number {
  let pmf = Math.pow(0.5, n); // P(B = 0)
  let cdf = pmf;
  for (let i = 0; i < k; i++) {
    pmf *= (n - i) / (i + 1); // P(B = i + 1) = P(B = i) · (n − i) / (i + 1)
    cdf += pmf;
  }
  return cdf;
}

/**
 * 1-based ranks [l, u] of the order statistics bounding the 95% CI of the median for a sample of
 * size n (see the module comment); [1, n] when n < 6. Throws a RangeError when n < 1.
 */
export function medianCiRanks(n: number): [number, number] {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`a confidence interval needs at least one sample, got n = ${n}`);
  }
  let l: number;
  if (n <= EXACT_RANKS_MAX_N) {
    l = 0;
    while (2 * binomialHalfCdf(n, l) <= 0.05) l++; // 2 P(B ≤ (l + 1) − 1) ≤ α
  } else {
    l = Math.floor(n / 2 + 0.5 - (Z_95 * Math.sqrt(n)) / 2);
  }
  l = Math.max(l, 1);
  return [l, n - l + 1];
}

/** 95% CI of the median of a sorted sample, as [lo, hi] values (see `medianCiRanks`). */
export function medianCi(sorted: SortedSamples): [number, number] {
  const [l, u] = medianCiRanks(sorted.length);
  return [at(sorted, l - 1), at(sorted, u - 1)];
}
