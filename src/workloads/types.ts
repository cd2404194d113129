/**
 * The shape of a workload definition. mpsbench, not the runner, owns what a workload means: its
 * parameters, their defaults, which combinations are valid and how much work one iteration does,
 * so throughput is derived from these definitions and never from a runner's claims.
 */
import type { Dtype, ParamValue, Params, TimingModel } from '../types.js';

/**
 * Kinds of parameter value: `int` (a safe integer), `number` (a finite float), `bool`,
 * `enum` (one of `values`), `int-list` (a list of integers, one value such as MLP layer widths).
 */
export type ParamKind = 'int' | 'number' | 'bool' | 'enum' | 'int-list';

/** One parameter of a workload, in the order keys and sweeps use. */
export interface ParamDef {
  name: string;
  kind: ParamKind;
  /** Value used when a suite or `--case` leaves the parameter out; absent = required. */
  default?: ParamValue;
  /** Smallest allowed value (int, number: inclusive) or element (int-list). */
  min?: number;
  /** Largest allowed value or element, inclusive. */
  max?: number;
  /** `number` only: the value must be strictly greater than `min`. */
  exclusiveMin?: boolean;
  /** `enum` only: the accepted strings. */
  values?: readonly string[];
  /** `int-list` only: fewest elements. */
  minItems?: number;
  /** One line for docs and `mpsbench list`. */
  doc: string;
}

/** What mpsbench knows about one workload. */
export interface WorkloadDef {
  name: string;
  /** One line, for `mpsbench list` and docs. */
  description: string;
  dtypes: readonly Dtype[];
  /** The rate reports lead with: FLOP/s (compute), bytes/s (memory traffic) or samples/s. */
  rate: 'flop' | 'bytes' | 'samples';
  /** Latency is the point (infer): reports show p50 and p99 per iteration beside samples/s. */
  latency?: boolean;
  /** The timing model its cases run under unless a suite, case or `--timing` says otherwise; absent = streamed. */
  defaultTiming?: TimingModel;
  /** Ordered: keys, `--case` text and sweeps follow this order. */
  params: readonly ParamDef[];
  /** Cross-field rules over complete, individually valid params; one message per problem. */
  validate(params: Params, dtype: Dtype): string[];
  /** Floating-point operations of one iteration (the dtype matters where sizes are in bytes). */
  flop(params: Params, dtype: Dtype): number;
  /** Minimum memory traffic of one iteration: every input read and every output written once. */
  bytes(params: Params, dtype: Dtype): number;
  /** Samples processed per iteration (train: the batch); undefined where it means nothing. */
  samples(params: Params): number | undefined;
  /** Largest `max_rel_err` a case in `dtype` may report and still be correct (tolerance.ts). */
  tolerance(dtype: Dtype): number;
  /** A tiny case with every parameter given, for `check-runner` and smoke tests. */
  smallCase: Params;
  /** Estimate of the memory the case allocates, to refuse cases larger than the device. */
  workingSetBytes(params: Params, dtype: Dtype): number;
}

