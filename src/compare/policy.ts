/**
 * The regression threshold T of each case, and the gate's other knobs.
 *
 * Precedence, most specific intent first:
 *   1. `--threshold` on the command line: the person running the gate overrides everything;
 *   2. the case's `threshold` in the CURRENT result file (set per case or per suite in the YAML,
 *      copied into every case by the suite loader), falling back to the baseline file's;
 *   3. DEFAULT_THRESHOLD, 5% (docs/gating.md).
 * Calibrate T from A/A runs (docs/gating.md): T ≥ the 99th percentile of |θ − 1|.
 */
import { UsageError } from '../errors.js';
import { parseThreshold, THRESHOLD_RULE } from '../util/threshold.js';
import type { CaseResult } from '../results/types.js';

/** Threshold when neither the command line nor the suite sets one (5%). */
export const DEFAULT_THRESHOLD = 0.05;

/**
 * Between-run noise floor F of a sequential comparison (two result files) when neither
 * `--run-noise` nor the files say otherwise: a change must clear (1 + T)(1 + F) to be called a
 * regression. 10%: real A/A pairs of sequential runs on the 2-core VM and on an H200 moved
 * typical launches by 5–85% between runs (issue 12; docs/gating.md "Sequential comparisons"),
 * which no within-run interval sees. Calibrate it per machine from A/A runs (docs/gating.md).
 */
export const DEFAULT_RUN_NOISE = 0.1;

/** Where a sequential comparison's between-run floor came from. */
export type RunNoiseSource = 'cli' | 'default';

/** Where a case's threshold came from, shown in reports. */
export type ThresholdSource = 'cli' | 'case' | 'default';

/** A case's threshold and its origin. */
export interface Threshold {
  value: number;
  source: ThresholdSource;
}

/** The gate's settings, resolved from the command line. */
export interface GatePolicy {
  /** `--threshold`, when given. */
  threshold?: number;
  minLaunches: number;
  failOnInconclusive: boolean;
  /** `--run-noise`: the between-run floor of sequential comparisons, when given. */
  runNoise?: number;
  /**
   * Cases compared statistically in the report (set by compareResults / compareWithin): each
   * case's intervals are at level 1 − 5%/family, so the report as a whole holds at 95%.
   */
  family?: number;
}

/** The between-run floor of a sequential comparison under `policy`, with its source. */
export function runNoiseFor(policy: GatePolicy): { value: number; source: RunNoiseSource } {
  return policy.runNoise !== undefined ? { value: policy.runNoise, source: 'cli' } : { value: DEFAULT_RUN_NOISE, source: 'default' };
}

/**
 * Parses a fraction flag (`--threshold`, and `--run-noise` with `allowZero`) by the one threshold
 * rule (util/threshold.ts); UsageError naming the flag otherwise.
 */
export function parseThresholdFlag(text: string, flag = '--threshold', allowZero = false): number {
  const value = parseThreshold(text, allowZero);
  if (value !== undefined) return value;
  throw new UsageError(`${flag} ${THRESHOLD_RULE}; got "${text}"`, `e.g. ${flag} 5%`);
}

/** The threshold for a pair of cases under `policy` (see the module comment for precedence). */
export function thresholdFor(policy: GatePolicy, base?: CaseResult, current?: CaseResult): Threshold {
  if (policy.threshold !== undefined) return { value: policy.threshold, source: 'cli' };
  const fromCase = current?.threshold ?? base?.threshold;
  if (fromCase !== undefined) return { value: fromCase, source: 'case' };
  return { value: DEFAULT_THRESHOLD, source: 'default' };
}
