/**
 * Outlier flagging by the modified z-score of Iglewicz & Hoaglin, "How to Detect and Handle
 * Outliers", ASQC Basic References in Quality Control 16, 1993 (also NIST/SEMATECH e-Handbook
 * §1.3.5.17):
 *
 *   M_i = 0.6745 (x_i − median) / MAD,   flagged when |M_i| > 3.5
 *
 * where MAD is the raw median absolute deviation (0.6745 = 1/1.4826 turns it into a σ estimate).
 * When MAD = 0 (more than half the samples are equal) the score is undefined; like IBM's note on
 * the modified z-score we then use the mean absolute deviation, scaled by 1.253314 = √(π/2) to
 * estimate σ:
 *
 *   M_i = (x_i − median) / (1.253314 · MeanAD),   MeanAD = mean |x_i − median|
 *
 * (deviations taken from the median, the centre the score uses). If MeanAD is 0 too, all samples
 * are equal and nothing is an outlier. Outliers are reported, never dropped: a flagged sample is still a measurement.
 */
import { madSorted, medianSorted, sortSamples } from './quantile.js';

/** |M_i| above this is an outlier (Iglewicz & Hoaglin's recommended cut-off). */
export const OUTLIER_THRESHOLD = 3.5;

/** Converts a raw MAD to a σ estimate under normality: Φ⁻¹(3/4) ≈ 0.6745. */
export const MAD_Z_FACTOR = 0.6745;

/** σ / mean absolute deviation under normality: √(π/2) ≈ 1.253314. */
export const MEAN_AD_SIGMA_FACTOR = 1.253314;

/**
 * Modified z-score of every sample, in input order. All zeros when the samples are all equal.
 * Throws a RangeError when `xs` is empty or holds a non-finite value.
 */
export function modifiedZScores(xs: readonly number[]): number[] {
  const sorted = sortSamples(xs);
  const med = medianSorted(sorted);
  const mad = madSorted(sorted);
  let scale: number;
  if (mad > 0) {
    scale = mad / MAD_Z_FACTOR;
  } else {
    const meanAd = xs.reduce((acc, x) => acc + Math.abs(x - med), 0) / xs.length;
    scale = MEAN_AD_SIGMA_FACTOR * meanAd;
  }
  if (scale === 0) return xs.map(() => 0);
  return xs.map((x) => (x - med) / scale);
}

/**
 * Indices (ascending, into `xs`) of the samples whose |modified z-score| exceeds `threshold`.
 * The samples themselves are left alone: callers count or mark them, never drop them.
 */
export function outlierIndices(
  xs: readonly number[],
  threshold: number = OUTLIER_THRESHOLD,
): number[] {
  const out: number[] = [];
  modifiedZScores(xs).forEach((z, i) => {
    if (Math.abs(z) > threshold) out.push(i);
  });
  return out;
}
