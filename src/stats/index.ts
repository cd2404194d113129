/**
 * The statistics module: pure functions of numbers (no I/O, no clock, no globals, seeded
 * randomness only). Each file cites the formulas it implements.
 */
export {
  at,
  madSorted,
  median,
  medianSorted,
  quantileSorted,
  sortSamples,
  type SortedSamples,
} from './quantile.js';
export { meanAndStddev, summarize, type Summary } from './summary.js';
export {
  MAD_Z_FACTOR,
  MEAN_AD_SIGMA_FACTOR,
  OUTLIER_THRESHOLD,
  modifiedZScores,
  outlierIndices,
} from './outliers.js';
export { EXACT_RANKS_MAX_N, Z_95, medianCi, medianCiRanks } from './interval.js';
export { createRng, randomIndex, resample, type Rng } from './rng.js';
