/**
 * Types of the chip table: datasheet (or derived) peaks that percent-of-peak is measured against,
 * each with the source it came from, so a report can always say where a peak figure comes from.
 */
import type { Dtype } from '../../types.js';
import type { Source } from './sources.js';

/** A peak as a range in FLOP/s: `low === high` when the figure is exact (published or derived). */
export interface PeakRange {
  low: number;
  high: number;
}

/** One configuration of a chip (Apple chips come in several GPU core counts). */
export interface ChipConfig {
  /** GPU cores of this configuration; absent for chips sold in one configuration. */
  gpuCores?: number;
  /** Dense peak per dtype, FLOP/s. A dtype with no entry has no known peak. */
  peaks: Partial<Record<Dtype, PeakRange>>;
  /** Memory bandwidth, bytes/s (vendor figure). */
  bandwidth?: number;
}

/** One row of the chip table. */
export interface ChipSpec {
  /** Stable id, used in tests and file names: `apple-m2-max`, `nvidia-h100-sxm`. */
  id: string;
  /** Display name: `Apple M2 Max`, `NVIDIA H100 SXM`. */
  name: string;
  vendor: 'apple' | 'nvidia';
  configs: ChipConfig[];
  /** The documents the figures come from, cited in reports' sources sections. */
  sources: Source[];
  /** Caveat printed with the source (unpublished clocks, sparsity halved, …). */
  note?: string;
}

/** A peak chosen for one device and dtype, ready to divide a throughput by. */
export interface PeakRef {
  range: PeakRange;
  /**
   * `datasheet`: from the chip table; `arithmetic`: a CPU's cores × SIMD lanes × FMA units × 2 ×
   * clock; `measured`: best matmul of a CPU in the merged files (a ceiling, not a peak).
   */
  kind: 'datasheet' | 'arithmetic' | 'measured';
  /** Human-readable label: `NVIDIA H100 SXM, dense TF32 tensor`. */
  label: string;
  /** Documents cited for the figure; empty for a measured ceiling. */
  sources: Source[];
  note?: string;
}

/** FLOP/s in one TFLOP/s. */
export const TFLOPS = 1e12;

/** Bytes/s in one GB/s (decimal, as vendors quote bandwidth). */
export const GBPS = 1e9;

/** `t` TFLOP/s in FLOP/s, rounded to GFLOP/s so 16.4 TFLOP/s is exactly 1.64e13. */
function flops(t: number): number {
  return Math.round(t * 1000) * (TFLOPS / 1000);
}

/** An exact peak of `t` TFLOP/s. */
export function tf(t: number): PeakRange {
  return { low: flops(t), high: flops(t) };
}

/** A peak known only as a range, `low`–`high` TFLOP/s. */
export function tfRange(low: number, high: number): PeakRange {
  return { low: flops(low), high: flops(high) };
}
