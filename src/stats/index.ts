/**
 * The statistics module: pure functions of numbers (no I/O, no clock, no globals, seeded
 * randomness only). Each file cites the formulas it implements.
 */
export { madSorted, median, medianSorted, quantileSorted, sortSamples } from './quantile.js';
export { summarize, type Summary } from './summary.js';
export { modifiedZScores, outlierIndices } from './outliers.js';
export { medianCi, medianCiRanks } from './interval.js';
export { createRng } from './rng.js';
