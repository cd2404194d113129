/**
 * Types that flow from the suite loader to the scheduler: a suite as written (after schema
 * validation) is resolved into a flat list of concrete `CaseInstance`s, one per backend.
 */
import type { SourcePos } from '../errors.js';
import type { Dtype, ParamValue } from '../results/types.js';
import type { CustomRunner } from '../runner/custom.js';

/** Sampling budget sent to runners with every case (see docs/protocol.md §3). */
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

/** A case before backends are applied: a workload, a dtype and every parameter's value. */
export interface CaseSpec {
  workload: string;
  dtype: Dtype;
  /** Every parameter, defaults filled in, validated. */
  params: Record<string, ParamValue>;
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
  /** Regression threshold as a fraction, when the suite or case sets one. */
  threshold?: number;
  /** Name of the suite the case came from (`cli` for `--case`). */
  suite: string;
  /** Where the case was written, for messages. */
  source?: SourcePos;
}

/** A suite file after parsing, schema validation and defaulting, before expansion. */
export interface ResolvedSuite {
  name: string;
  file?: string;
  description?: string;
  /** Backends the suite asks for; undefined = every available backend. */
  backends?: string[];
  seed: number;
  budget: Budget;
  threshold?: number;
  /** Custom runners the suite declares (`runners:`); they run only with --allow-custom-runners. */
  runners?: CustomRunner[];
  /** Each entry already validated; sweeps not yet expanded. */
  entries: SuiteEntry[];
}

/** A sweep over one value: the list of values it takes, in order. */
export type Sweep<T> = T[];

/** One `cases:` entry of a suite: sweeps per parameter. */
export interface SuiteEntry {
  workload: string;
  name?: string;
  dtypes: Sweep<Dtype>;
  params: Record<string, Sweep<ParamValue>>;
  backends?: string[];
  threshold?: number;
  budget?: Partial<Budget>;
  source?: SourcePos;
}
