/**
 * Types that flow from the suite loader to the scheduler: a suite as written (after schema
 * validation) is resolved into a flat list of concrete `CaseInstance`s, one per backend.
 */
import type { Budget, Claim, CustomRunner, Dtype, ParamValue, SourcePos, TimingModel } from '../types.js';

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
  /** The suite's `timing:`; undefined = each workload's default (defaultTimingFor). */
  timing?: TimingModel;
  /** Custom runners the suite declares (`runners:`); they run only with --allow-custom-runners. */
  runners?: CustomRunner[];
  /** Published speed-up claims the report checks (`claims:`). */
  claims?: Claim[];
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
  /** The entry's `timing:` (or `--case … timing=`); wins over the suite's. */
  timing?: TimingModel;
  source?: SourcePos;
}
