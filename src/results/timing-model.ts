/**
 * Like with like across backends (issue 19): two cases are compared only under the same timing
 * model, and a GPU figure whose per-iteration time is below LAUNCH_BOUND_S is flagged, because
 * launch or encode overhead dominates it and the streamed and isolated models differ most there.
 * The one definition of both rules; reporters, `report` (src/fleet) and `compare --base/--head` use it.
 */
import { isCpuBackend } from './device-kind.js';
import { own } from '../util/own.js';
import { timingOf } from '../types.js';
import type { CaseResult, ResultFile } from './types.js';

/** Per-iteration time below which a GPU figure is launch-bound: 50 µs. */
export const LAUNCH_BOUND_S = 50e-6;

/** The mark put next to a launch-bound figure. */
export const LAUNCH_BOUND_MARK = '‡';

/** What the mark means, for table legends. */
export const LAUNCH_BOUND_LEGEND =
  `${LAUNCH_BOUND_MARK} launch-bound: a GPU figure below ${LAUNCH_BOUND_S * 1e6} µs per iteration, where launch/encode overhead dominates; streamed and isolated timing differ most there`;

/** Whether `backend` of `file` computes on a GPU (its runner's hello says so, else it is no CPU baseline). */
export function onGpu(file: ResultFile, backend: string): boolean {
  return !isCpuBackend(backend, own(file.env.runners, backend));
}

/** Whether a per-iteration time `medianS` measured on a GPU is launch-bound. */
export function isLaunchBound(medianS: number | undefined, gpu: boolean): boolean {
  return gpu && medianS !== undefined && medianS > 0 && medianS < LAUNCH_BOUND_S;
}

/**
 * Why two cases (of two backends, or two sides) cannot be compared, or undefined when they can:
 * a different timing model (absent = streamed) is not comparable, never silently divided.
 */
export function timingMismatch(a: Pick<CaseResult, 'timing'>, b: Pick<CaseResult, 'timing'>): string | undefined {
  const ta = timingOf(a), tb = timingOf(b);
  return ta === tb ? undefined : `not comparable: ${ta} vs ${tb} timing`;
}
