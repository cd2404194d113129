/**
 * The merged comparison model: what `report` computes from many result files before any
 * rendering. Renderers (Markdown, SVG, HTML) read only this, so every format shows the same
 * numbers, and the merge can be tested without formatting.
 */
import type { ChipSpec, PeakRange, PeakRef } from './chips/types.js';
import type { CaseResult, CaseStatus } from '../results/types.js';
import type { Dtype, Params } from '../types.js';
import type { SystemSummary } from './systems.js';

/** How several measurements of the same chip, backend and case become one: median or best. */
export type PickRule = 'median' | 'best';

/** The backends every other backend's speed-up is measured against, on the same machine. */
export { CPU_BASELINES } from '../results/device-kind.js';
import { CPU_BASELINES } from '../results/device-kind.js';

/** A device a backend ran on, identified across files and machines. */
export interface Device {
  /** Merge key: same key, same chip (`gpu:nvidia-h100-sxm`, `cpu:AMD EPYC 7763…|16`). */
  key: string;
  /** Display name: `Apple M2 Max (38-core GPU)`, `AMD EPYC 7763 64-Core Processor (16 threads)`. */
  label: string;
  kind: 'gpu' | 'cpu';
  /** Chip-table row, when the device name matched one. */
  chip?: ChipSpec;
  gpuCores?: number;
  /** CPU devices: the host's CPU model and the threads the runner used (for arithmetic peaks). */
  cpuModel?: string;
  threads?: number;
}

/** One case of one result file, with where it ran. */
export interface Observation {
  /** Index of the input file it came from. */
  file: number;
  machine: string;
  device: Device;
  result: CaseResult;
  /** The file's cases ran interleaved (launch k of each side back to back: `settings.interleave`). */
  interleaved: boolean;
}

/** Percent of peak for a row: `fraction` is a range when the peak is (M3/M4 clocks). */
export interface PeakShare {
  fraction: PeakRange;
  peak: PeakRef;
  /**
   * Set when the percentage is not a share of arithmetic actually done: the algorithm does fewer
   * operations than the direct count (FFT, Winograd) or the value passes 100%. Says why.
   */
  effective?: string;
}

/**
 * A speed-up with a 95% interval. `paired`: both sides from one interleaved run (`run --variant`
 * or several backends with `settings.interleave`), so launch k of each side pairs up: the
 * signed-rank Hodges–Lehmann interval `compare` uses. `launches`: percentile bootstrap over whole launches (each side
 * has enough launch medians); `within-launch`: one launch a side, so the interval is the
 * conservative ratio of the two medians' within-launch intervals (process-to-process variance is
 * not in it); `lo`/`hi` span every pair when several files measured the row.
 */
export interface SpeedupCi {
  value: number;
  lo: number;
  hi: number;
  basis: 'paired' | 'launches' | 'within-launch';
}

/** What a row's throughput counts: FLOP, bytes moved (the `bandwidth` workload) or samples. */
export type RateUnit = 'flop' | 'bytes' | 'samples';

/** One chip × backend row of a case table, merged over every file that measured it. */
export interface MergedRow {
  device: Device;
  backend: string;
  /** Machines the measurements came from (env.machine), in first-seen order. */
  machines: string[];
  /** Completed measurements merged into this row. */
  n: number;
  /** Measurements that did not complete; with `n === 0` the row shows `status`. */
  notOk: number;
  status: CaseStatus;
  /** Picked median per-iteration time, seconds; undefined when nothing completed. */
  median?: number;
  /** A GPU row whose median is below LAUNCH_BOUND_S (src/results/timing-model.ts). */
  launchBound?: boolean;
  /** FLOP/s, bytes/s (bandwidth) or samples/s at `median`, whichever the workload leads with. */
  rate?: { value: number; unit: RateUnit };
  /** Speed-up over each CPU baseline measured on the same machine (picked like `median`). */
  speedups: Partial<Record<(typeof CPU_BASELINES)[number], number>>;
  /** The intervals of `speedups`, where the files hold what they need. */
  speedupCis: Partial<Record<(typeof CPU_BASELINES)[number], SpeedupCi>>;
  share?: PeakShare;
  /** Arithmetic intensity and position against the chip's compute and bandwidth roofs (roofline.ts). */
  roof?: RoofPosition;
  /** The algorithm the runner reported for its first completed launch (`cudnn… FFT_TILING`). */
  algo?: string;
}

/** One workload case (`matmul m=2048 n=2048 k=2048 dtype=f32`) across chips and backends. */
export interface CaseTable {
  workload: string;
  spec: string;
  dtype: Dtype;
  /** The case's parameters (from its first measurement), for finding sweeps. */
  params: Params;
  rows: MergedRow[];
}

/** One input file as the report's "inputs" list names it. */
export interface InputSummary {
  /** The file's base name (never a local absolute path). */
  name: string;
  machine: string;
  created: string;
  complete: boolean;
  cases: number;
}

/** Everything a comparison report shows. */
export interface Comparison {
  pick: PickRule;
  inputs: InputSummary[];
  /** Case tables in first-seen order (grouped by workload when rendered). */
  cases: CaseTable[];
  /** Every peak some row was measured against, for the sources section. */
  peaks: PeakRef[];
  /** One row per machine: CPU, memory, OS, GPUs, driver and library versions. */
  systems: SystemSummary[];
}

/** A bandwidth roof in bytes/s: the datasheet figure or the device's best measured `bandwidth` result. */
export interface BandwidthRoof {
  value: number;
  kind: 'datasheet' | 'measured';
  /** `NVIDIA H200 SXM datasheet` or `measured: best bandwidth result on this device`. */
  label: string;
}

/** Where a row sits on its chip's roofline. */
export interface RoofPosition {
  /** FLOP per byte of one iteration; 0 for a case that does no arithmetic (bandwidth copy). */
  intensity: number;
  /** Achieved FLOP/s at the median time (0 for copy). */
  flops: number;
  /** Achieved bytes/s at the median time, counting the workload's minimum traffic. */
  bytesPerS: number;
  /** Compute roof of the case's dtype, FLOP/s (the upper end of a peak range). */
  compute?: number;
  bandwidth?: BandwidthRoof;
  /** Which roof is lower at `intensity`; absent when a roof it needs is unknown (`missing` says which). */
  bound?: 'compute' | 'memory';
  /** Achieved / the binding roof (FLOP/s, or bytes/s for copy). */
  fraction?: number;
  missing?: string;
}
