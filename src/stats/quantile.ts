/**
 * Sorted samples and quantiles.
 *
 * Quantiles use linear interpolation between order statistics, type 7 of Hyndman & Fan,
 * "Sample Quantiles in Statistical Packages", The American Statistician 50(4), 1996 (the
 * default of R, NumPy and Excel's PERCENTILE.INC). For sorted x[0..n-1] and p in [0, 1]:
 *
 *   h = (n - 1) p,   Q(p) = x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])
 *
 * Every function here takes a `SortedSamples`, which only `sortSamples` can make, so an unsorted
 * array cannot reach them by mistake (the brand exists in the type system only).
 */

declare const sortedBrand: unique symbol;

/** A non-empty, ascending, finite copy of some samples; create it with `sortSamples`. */
export type SortedSamples = readonly number[] & { readonly [sortedBrand]: true };

/**
 * Copies and sorts samples ascending. Throws a RangeError on an empty input or a non-finite
 * value, because every statistic built on top is undefined for them and silent NaNs would
 * travel into reports.
 */
export function sortSamples(xs: readonly number[]): SortedSamples {
  if (xs.length === 0) {
    throw new RangeError('statistics need at least one sample, got an empty array');
  }
  const bad = xs.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    throw new RangeError(`sample ${bad} is not a finite number (${String(xs[bad])})`);
  }
  return [...xs].sort((a, b) => a - b) as unknown as SortedSamples;
}

/** Element `i` of a sorted sample, clamped to its range (a narrowing helper, never undefined). */
export function at(sorted: SortedSamples, i: number): number {
  const j = Math.min(Math.max(i, 0), sorted.length - 1);
  return sorted[j] as number;
}

/**
 * Quantile `p` (0 ≤ p ≤ 1) of a sorted sample by Hyndman–Fan type 7 (see the module comment).
 * Q(0) is the minimum, Q(1) the maximum, Q(0.5) the median.
 */
export function quantileSorted(sorted: SortedSamples, p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`quantile probability must be within [0, 1], got ${p}`);
  }
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const xlo = at(sorted, lo);
  return frac === 0 ? xlo : xlo + frac * (at(sorted, lo + 1) - xlo);
}

/** Median of a sorted sample: the middle element, or the mean of the two middle ones. */
export function medianSorted(sorted: SortedSamples): number {
  return quantileSorted(sorted, 0.5);
}

/** Median of unsorted samples (sorts a copy). Throws a RangeError when empty. */
export function median(xs: readonly number[]): number {
  return medianSorted(sortSamples(xs));
}

/**
 * Raw median absolute deviation, median(|x_i − median(x)|), unscaled: multiply by 1.4826 to
 * estimate σ under normality (Rousseeuw & Croux 1993). Kept raw so `outliers.ts` can apply the
 * Iglewicz–Hoaglin constant 0.6745 (= 1/1.4826) itself.
 */
export function madSorted(sorted: SortedSamples): number {
  const m = medianSorted(sorted);
  return median(sorted.map((x) => Math.abs(x - m)));
}
