/**
 * Apple M1–M4 GPUs: core configurations, FP32 peak and memory bandwidth, from the project's
 * research notes (shared/docs/mps-notes.md §6). FP32 peak = cores × 128 ALUs × 2 (FMA) × clock;
 * FP16 peak equals FP32 peak on M1 and later, so f16 uses the same figure. bf16 has no published
 * peak and is left out. M1/M2 clocks are published (metal-benchmarks), M3/M4 clocks are not:
 * their peaks are ranges for a 1.38–1.60 GHz clock.
 */
import { APPLE_M1_M2, APPLE_M3_M4 } from './sources.js';
import { GBPS, tf, tfRange, type ChipConfig, type ChipSpec, type PeakRange } from './types.js';

const M3_M4_NOTE =
  'Apple does not publish M3/M4 GPU clocks: peak is a range for 1.38 GHz (applegpuinfo) to 1.60 GHz ' +
  '(third-party spec sites); percent of peak is shown as a range';

/** A configuration whose f32 and f16 peaks are the same `peak`. */
function config(gpuCores: number, peak: PeakRange, bandwidthGBps: number): ChipConfig {
  return { gpuCores, peaks: { f32: peak, f16: peak }, bandwidth: bandwidthGBps * GBPS };
}

/** An M1/M2 chip: exact peaks for its two core configurations. */
function published(id: string, name: string, rows: [number, number, number][]): ChipSpec {
  const configs = rows.map(([cores, t, bw]) => config(cores, tf(t), bw));
  return { id, name, vendor: 'apple', configs, sources: [APPLE_M1_M2] };
}

/** An M3/M4 chip: peak ranges for its two core configurations. */
function ranged(id: string, name: string, rows: [number, number, number, number][]): ChipSpec {
  const configs = rows.map(([cores, lo, hi, bw]) => config(cores, tfRange(lo, hi), bw));
  return { id, name, vendor: 'apple', configs, sources: [APPLE_M3_M4], note: M3_M4_NOTE };
}

/** Apple silicon GPUs, M1 through M4 families (rows: cores, TFLOPS, GB/s). */
export const APPLE_CHIPS: readonly ChipSpec[] = [
  published('apple-m1', 'Apple M1', [[7, 2.29, 68.25], [8, 2.62, 68.25]]),
  published('apple-m1-pro', 'Apple M1 Pro', [[14, 4.64, 200], [16, 5.31, 200]]),
  published('apple-m1-max', 'Apple M1 Max', [[24, 7.96, 400], [32, 10.62, 400]]),
  published('apple-m1-ultra', 'Apple M1 Ultra', [[48, 15.93, 800], [64, 21.23, 800]]),
  published('apple-m2', 'Apple M2', [[8, 2.86, 100], [10, 3.58, 100]]),
  published('apple-m2-pro', 'Apple M2 Pro', [[16, 5.73, 200], [19, 6.8, 200]]),
  published('apple-m2-max', 'Apple M2 Max', [[30, 10.74, 400], [38, 13.6, 400]]),
  published('apple-m2-ultra', 'Apple M2 Ultra', [[60, 21.47, 800], [76, 27.2, 800]]),
  ranged('apple-m3', 'Apple M3', [[8, 2.8, 3.3, 100], [10, 3.5, 4.1, 100]]),
  ranged('apple-m3-pro', 'Apple M3 Pro', [[14, 5.0, 5.7, 150], [18, 6.4, 7.4, 150]]),
  ranged('apple-m3-max', 'Apple M3 Max', [[30, 10.6, 12.3, 300], [40, 14.1, 16.4, 400]]),
  ranged('apple-m3-ultra', 'Apple M3 Ultra', [[60, 21.2, 24.6, 819.2], [80, 28.3, 32.8, 819.2]]),
  ranged('apple-m4', 'Apple M4', [[8, 2.8, 3.3, 120], [10, 3.5, 4.1, 120]]),
  ranged('apple-m4-pro', 'Apple M4 Pro', [[16, 5.7, 6.6, 273], [20, 7.1, 8.2, 273]]),
  ranged('apple-m4-max', 'Apple M4 Max', [[32, 11.3, 13.1, 410], [40, 14.1, 16.4, 546]]),
];
