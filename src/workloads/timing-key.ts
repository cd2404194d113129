/**
 * How a case's timing model shows in its key: nothing when it is the workload's default, else
 * ` timing=<model>`, so keys written before timing models existed still match. Shared by the
 * suite (case keys) and by the readers that pair cases of one model (report, like with like).
 */
import { timingOf, type TimingModel } from '../types.js';
import { defaultTimingFor } from './index.js';

/** ` timing=<model>` when `timing` differs from `workload`'s default, else the empty string. */
export function timingSuffix(workload: string, timing: TimingModel): string {
  return timing === defaultTimingFor(workload) ? '' : ` timing=${timing}`;
}

/**
 * A result's spec with its timing model, as keys write it: what the cases of two backends must
 * share to be compared (like with like). A result without `timing` streamed (`timingOf`).
 */
export function timedSpec(c: { spec: string; workload: string; timing?: TimingModel }): string {
  return `${c.spec}${timingSuffix(c.workload, timingOf(c))}`;
}
