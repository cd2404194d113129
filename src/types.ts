/**
 * The shared vocabulary on the ground floor: the words every stage uses (dtypes, parameter values,
 * cases, the sampling budget, custom runners, source positions). It imports nothing, so any module
 * can import it without reaching up or sideways; the result file (results/types.ts), the suite
 * loader, the runner layer and the workloads all build on it.
 */

/** Element types a case can run in. `tf32` is f32 storage with TF32 math. */
export type Dtype = 'f32' | 'tf32' | 'f16' | 'bf16';

/** Every dtype a case can name; backends decide which they support (protocol `hello`). */
export const DTYPES: readonly Dtype[] = ['f32', 'tf32', 'f16', 'bf16'];

/** Bytes per stored element: tf32 is f32 storage with TF32 math, so 4. */
export function dtypeBytes(dtype: Dtype): number {
  return dtype === 'f16' || dtype === 'bf16' ? 2 : 4;
}

/** A workload parameter value, as written in suites and result files. */
export type ParamValue = number | boolean | string | number[];

/**
 * A parameter value in key form, as case keys and `--case` text write it: int-lists
 * comma-joined (`3,3`), everything else as `String()` does. Keys must stay stable, so this never
 * changes; tables use `displayValue`.
 */
export function specValue(value: ParamValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** A parameter value in display form, for table cells and other tools' labels: `3x3`. */
export function displayValue(value: ParamValue): string {
  return Array.isArray(value) ? value.join('x') : String(value);
}

/** Parameters of one case, every one present (defaults filled in). */
export type Params = Record<string, ParamValue>;

/** A position in an input file, 1-based, for `file:line:col` messages. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/**
 * Sampling budget sent to runners with every `run` request (docs/protocol.md §3). The runners'
 * own defaults (max_samples 2000, rel_ci 0.01) are the protocol's example; mpsbench always sends
 * a full budget (suite/budget.ts DEFAULT_BUDGET), so those never apply.
 */
export interface Budget {
  warmup_s: number;
  warmup_min_iters: number;
  target_sample_s: number;
  min_samples: number;
  max_samples: number;
  min_time_s: number;
  max_time_s: number;
  rel_ci: number;
}

/**
 * The timing model of a case (docs/protocol.md §3): `streamed` samples iterations back to back with
 * one synchronisation per sample (throughput); `isolated` samples one synchronised iteration
 * (latency as a caller sees it, launch or encode cost included).
 */
export type TimingModel = 'streamed' | 'isolated';

/** Every timing model, in the order messages list them. */
export const TIMING_MODELS: readonly TimingModel[] = ['streamed', 'isolated'];

/**
 * The timing model a case or result ran under: absent means streamed, the protocol's default, which
 * is what every result written before timing was recorded (and every runner that echoes none) used.
 */
export function timingOf(x: { timing?: TimingModel | undefined }): TimingModel {
  return x.timing ?? 'streamed';
}

/** A case before backends are applied: a workload, a dtype and every parameter's value. */
export interface CaseSpec {
  workload: string;
  dtype: Dtype;
  /** Every parameter, defaults filled in, validated. */
  params: Params;
}

/** One concrete case on one backend, ready to schedule. */
export interface CaseInstance extends CaseSpec {
  /** Stable join key: `<backend>/<spec>`. */
  key: string;
  /** `--case` syntax; parameters equal to their default are omitted. */
  spec: string;
  backend: string;
  seed: number;
  budget: Budget;
  /** The timing model the runner is asked for; absent = streamed (see `timingOf`). */
  timing?: TimingModel;
  /** Regression threshold as a fraction, when the suite or case sets one. */
  threshold?: number;
  /** Name of the suite the case came from (`cli` for `--case`). */
  suite: string;
  /** The suite entry's `name:`, when it has one (`--filter` matches it). */
  name?: string;
  /** The variant (`run --variant`) this instance runs under; its key ends in ` @<variant>`. */
  variant?: string;
  /** Where the case was written, for messages. */
  source?: SourcePos;
}

/**
 * Largest element count of any one tensor a case may ask for: 2^34, the protocol's limit
 * (docs/protocol.md §4), which the native harness and the Python runners enforce too, so a case
 * that validates here is one every runner accepts.
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 34;

/** Largest single dimension: runners index with 32-bit ints in BLAS and cuDNN calls. */
export const MAX_DIM = 2 ** 31 - 1;

/** A custom runner as a suite (`runners:`) or `--runner NAME=COMMAND` declares it. */
export interface CustomRunner {
  name: string;
  command: string[];
  /** Where it was declared: a suite entry's position, or undefined for `--runner`. */
  source?: SourcePos;
}

/**
 * A published speed-up claim a suite checks (`claims:`): "`backend` is up to `speedup`× faster
 * than `baseline`". Suites carry it, result files record it, and the Markdown report puts the
 * speed-up measured on the same verified cases next to it.
 */
export interface Claim {
  text: string;
  speedup: number;
  backend: string;
  baseline: string;
  /** Only cases of this workload count; all cases when absent. */
  workload?: string;
  source?: string;
}
