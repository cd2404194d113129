/**
 * The result file, `mpsbench.result/v1`: the source of truth every report, export and comparison
 * is made from. docs/result-format.md describes it field by field; results/read.ts checks its
 * structure when read back.
 */
import type { Claim, Dtype, ParamValue, TimingModel } from '../types.js';

export type { Dtype, ParamValue } from '../types.js';

/** Schema identifier written at the top of every result file. */
export const RESULT_SCHEMA = 'mpsbench.result/v1';

/** Final state of one case. */
export type CaseStatus = 'ok' | 'failed' | 'unsupported' | 'skipped';

/** Why a case failed. Runner-side kinds come from the protocol; the rest from mpsbench. */
export type ErrorKind =
  | 'unsupported'
  | 'oom'
  | 'invalid'
  | 'internal'
  | 'verify'
  | 'crash'
  | 'timeout'
  | 'protocol'
  | 'spawn'
  | 'too-large'
  | 'interrupted';

/** A failure as recorded in a result. */
export interface CaseError {
  kind: ErrorKind;
  message: string;
  /** Last lines the runner wrote to stderr, bounded. */
  stderr_tail?: string;
}

/** Verification outcome of one launch (from the runner) or of the case (worst launch). */
export interface VerifyRecord {
  /** Worst error over the checked elements; null when an output was NaN or infinite. */
  max_rel_err: number | null;
  checked: number;
  nonfinite?: number;
  tolerance?: number;
  passed?: boolean;
}

/** What one runner process measured for one case: raw samples, never statistics. */
export interface LaunchRecord {
  index: number;
  ok: boolean;
  timer?: 'wall' | 'gpu';
  /** The runner's echo of the timing model (absent: the runner echoes none, so it streamed). */
  timing?: TimingModel;
  iters_per_sample?: number;
  /** Duration of each sample (`iters_per_sample` iterations), nanoseconds. */
  samples_ns?: number[];
  wall_samples_ns?: number[];
  /** Host encode time of each sample, where the device timer excludes it (MPS). */
  encode_samples_ns?: number[];
  warmup?: { iters: number; first_ns: number; total_ns: number };
  verify?: VerifyRecord;
  mem_bytes?: number;
  info?: Record<string, unknown>;
  error?: CaseError;
  /** Wall time the launch took in mpsbench's view, seconds. */
  elapsed_s?: number;
  /**
   * Share (0–1) of the machine's CPU capacity that other processes used while this case ran
   * (src/env/cpu-load.ts; Linux only).
   */
  host_load?: number;
  /** Position of this measurement in the run's order (0, 1, …), across every case and side. */
  seq?: number;
}

/** Descriptive statistics of per-iteration times, seconds (see src/stats). */
export interface CaseStats {
  n: number;
  median_s: number;
  mean_s: number;
  stddev_s: number;
  mad_s: number;
  min_s: number;
  max_s: number;
  p5_s: number;
  p95_s: number;
  /** 99th percentile; absent in files written before the infer workload. */
  p99_s?: number;
  /** 95% confidence interval of the median, by order statistics. */
  ci_median_s: [number, number];
  /** Samples whose modified z-score exceeds 3.5 (flagged, never dropped). */
  outliers: number;
  /** Median of each launch, for launch-level comparison. */
  launch_medians_s: number[];
}

/** Work done by one iteration, from the workload definition (never from the runner). */
export interface WorkRecord {
  flop?: number;
  bytes?: number;
  samples?: number;
}

/** Throughput derived from `work` and `stats.median_s`. */
export interface ThroughputRecord {
  flop_per_s?: number;
  bytes_per_s?: number;
  samples_per_s?: number;
}

/** One case on one backend. */
export interface CaseResult {
  /** Stable join key: `<backend>/<spec>`. */
  key: string;
  /** The case in `--case` syntax: `matmul m=2048 n=2048 k=2048 dtype=f32`. */
  spec: string;
  workload: string;
  backend: string;
  dtype: Dtype;
  /** Every parameter, defaults filled in. */
  params: Record<string, ParamValue>;
  seed: number;
  suite?: string;
  /** The variant of an interleaved A/B run (`run --variant NAME:…`) this case ran under. */
  variant?: string;
  /** Regression threshold for this case (fraction, 0.05 = 5%), when the suite sets one. */
  threshold?: number;
  /** The timing model the case ran under (docs/protocol.md §3); absent in older files = streamed (`timingOf`). */
  timing?: TimingModel;
  /** The sampling budget of this case, only when it differs from `settings.budget`. */
  budget?: Record<string, number>;
  status: CaseStatus;
  launches: LaunchRecord[];
  stats?: CaseStats;
  work: WorkRecord;
  throughput?: ThroughputRecord;
  verify?: VerifyRecord;
  error?: CaseError;
  warnings?: string[];
}

/** What a runner said about itself in `hello`, kept per backend. */
export interface RunnerRecord {
  backend: string;
  protocol: number;
  runner: { name: string; version: string; build?: Record<string, unknown> };
  device: {
    name: string;
    kind: string;
    memory_bytes?: number;
    cores?: number;
    threads?: number;
    [k: string]: unknown;
  };
  libraries?: Record<string, string>;
  timer?: string;
  workloads: Record<string, string[]>;
  info?: Record<string, unknown>;
  command?: string[];
}

/** The machine and software a result was measured on. */
export interface EnvRecord {
  host: {
    hostname: string;
    platform: string;
    release: string;
    os: string;
    arch: string;
    cpu: { model: string; cores: number; logical: number };
    memory_bytes: number;
    /** Power and thermal state where readable (src/env/host-state.ts). */
    state?: { cpu_governor?: string; power?: 'ac' | 'battery'; thermal_c?: number };
  };
  node: string;
  tool: { name: string; version: string; git?: { commit: string; dirty: boolean } };
  /** Short, file-name-safe machine label used in report columns and file names. */
  machine: string;
  gpus: { name: string; memory_bytes?: number; driver?: string }[];
  runners: Record<string, RunnerRecord>;
  /** Environment variables that change results (thread counts, BLAS core type), as set. */
  variables: Record<string, string>;
}

/** A variant of an interleaved A/B run (`run --variant`), as run: what it set, what its runners said. */
export interface VariantRecord {
  name: string;
  /** Environment variables set for its runner processes. */
  env: Record<string, string>;
  /** Interpreter of its torch-* backends. */
  python?: string;
  /** The native/ tree its native backends were built from. */
  native?: string;
  /** Custom runner commands by runner name. */
  commands?: Record<string, string[]>;
  threads?: number;
  /** Each backend's `hello` under this variant (`env.runners` holds the first variant's). */
  hello?: Record<string, RunnerRecord>;
}

/** The whole result file. */
export interface ResultFile {
  schema: typeof RESULT_SCHEMA;
  created: string;
  finished?: string;
  /** False when the run was interrupted or is still being written (journal replay). */
  complete: boolean;
  command: string[];
  env: EnvRecord;
  /** The suites run, with the speed-up claims they check. */
  suites: { name: string; file?: string; claims?: Claim[] }[];
  settings: {
    launches: number;
    threads?: number;
    /** The budget most cases ran with; a case with another one carries its own `budget`. */
    budget: Record<string, number>;
    /** The variants of an interleaved A/B run, baseline first (absent: one variant). */
    variants?: VariantRecord[];
    /**
     * How launches were ordered: `case` = every side of a case (variants, backends) back to back
     * per launch index in a seeded, balanced order, so `compare` may pair launch k of two sides.
     * Absent in files from before 2026-12-02, whose sides are not paired.
     */
    interleave?: { grain: 'case'; seed: number };
  };
  results: CaseResult[];
}
