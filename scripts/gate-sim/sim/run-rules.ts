/**
 * The columns of `gate-sim --runs`: each measuring mode with the rule mpsbench applies to it
 * (src/compare/gate.ts `judgeMedians`), plus the gate of 2026-11-26 on sequential runs for
 * reference. A column counts "regression"; `seq unstable` counts the sequential verdicts that the
 * modes turned into `unstable`.
 *
 * - `v1 sequential`: the previous gate (either unpaired interval, no floor) on two runs;
 * - `sequential`: the sequential rule (both intervals widened by the default between-run floor,
 *   then the modes);
 * - `same-run`: the unpaired intervals on one interleaved run (pairing ignored);
 * - `interleaved`: the paired rule on one interleaved run.
 */
import { decideGate, judgeMedians } from '../../../src/compare/gate.js';
import { DEFAULT_MIN_LAUNCHES } from '../../../src/compare/names.js';
import type { GatePolicy } from '../../../src/compare/policy.js';
import { gateCis } from '../../../src/stats/bootstrap.js';
import type { RunDraw } from './runs.js';

/** Column names in table order. */
export const RUN_COLUMNS = ['v1 sequential', 'sequential', 'seq unstable', 'same-run', 'interleaved'] as const;

const POLICY: GatePolicy = { minLaunches: DEFAULT_MIN_LAUNCHES, failOnInconclusive: false };

/** Each column's decision on one simulated A/B question. */
export function runDecisions(d: RunDraw, threshold: number): Record<(typeof RUN_COLUMNS)[number], boolean> {
  const t = { value: threshold, source: 'cli' as const };
  const { typical, fast } = gateCis(d.sequential.baseline, d.sequential.current);
  const seq = judgeMedians({ ...d.sequential, mode: 'sequential' }, POLICY, t).verdict;
  return {
    'v1 sequential': decideGate(typical, fast, threshold) === 'regression',
    sequential: seq === 'regression',
    'seq unstable': seq === 'unstable',
    'same-run': judgeMedians({ ...d.interleaved, mode: 'same-run' }, POLICY, t).verdict === 'regression',
    interleaved: judgeMedians({ ...d.interleaved, mode: 'interleaved' }, POLICY, t).verdict === 'regression',
  };
}
