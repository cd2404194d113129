/**
 * Descriptive statistics of one sample (per-iteration times of a case, usually).
 *
 * - mean and sample standard deviation by Welford's online algorithm (Welford 1962; Knuth,
 *   TAOCP vol. 2, §4.2.2): m_k = m_{k−1} + (x_k − m_{k−1}) / k,
 *   S_k = S_{k−1} + (x_k − m_{k−1})(x_k − m_k), s = √(S_n / (n − 1)); s = 0 for n = 1.
 *   Stable where the naive Σx² − n·mean² (llama-bench) loses digits.
 * - median, p5, p95, p99: Hyndman–Fan type 7 quantiles (`quantile.ts`).
 * - mad: the raw median absolute deviation, median |x_i − median|, NOT scaled by 1.4826.
 * - ciMedian: 95% CI of the median by order statistics (`interval.ts`).
 * - outliers: count of |modified z-score| > 3.5 (`outliers.ts`); nothing is removed.
 */
import { medianCi } from './interval.js';
import { outlierIndices } from './outliers.js';
import { madSorted, medianSorted, quantileSorted, sortSamples } from './quantile.js';

/** Descriptive statistics of one sample, in the sample's unit. */
export interface Summary {
  n: number;
  median: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1); 0 for a single sample. */
  stddev: number;
  /** Raw median absolute deviation, unscaled (multiply by 1.4826 for a σ estimate). */
  mad: number;
  min: number;
  max: number;
  p5: number;
  p95: number;
  /** 99th percentile: the tail latency of a request (infer). */
  p99: number;
  /** 95% confidence interval of the median; the [min, max] range when n < 6. */
  ciMedian: [number, number];
  /** Number of samples flagged by the modified z-score; they stay in every statistic. */
  outliers: number;
}

/** Mean and sample standard deviation by Welford's algorithm (see the module comment). */
export function meanAndStddev(xs: readonly number[]): { mean: number; stddev: number } {
  let mean = 0;
  let m2 = 0;
  let k = 0;
  for (const x of xs) {
    k++;
    const delta = x - mean;
    mean += delta / k;
    m2 += delta * (x - mean);
  }
  if (k === 0) throw new RangeError('statistics need at least one sample, got an empty array');
  return { mean, stddev: k > 1 ? Math.sqrt(m2 / (k - 1)) : 0 };
}

/**
 * Summarises a sample. Throws a RangeError when `xs` is empty or holds NaN or ±Infinity, so a
 * case without samples fails loudly instead of reporting NaN.
 */
export function summarize(xs: readonly number[]): Summary {
  const sorted = sortSamples(xs);
  const { mean, stddev } = meanAndStddev(sorted);
  return {
    n: sorted.length,
    median: medianSorted(sorted),
    mean,
    stddev,
    mad: madSorted(sorted),
    min: quantileSorted(sorted, 0),
    max: quantileSorted(sorted, 1),
    p5: quantileSorted(sorted, 0.05),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    ciMedian: medianCi(sorted),
    outliers: outlierIndices(xs).length,
  };
}
