/**
 * Which backends compute on the CPU: what a runner's hello says of its device, else the known
 * CPU baselines. Result readers need it (launch-bound flags apply to GPUs only) and so does the
 * fleet report (CPU devices are keyed by the host's CPU model).
 */
import type { RunnerRecord } from './types.js';

/** The CPU backends speed-ups are taken against, by name. */
export const CPU_BASELINES = ['cpu', 'torch-cpu', 'tf-cpu'] as const;

/** Whether `backend` computes on the CPU: its runner says so, or it is a known CPU baseline. */
export function isCpuBackend(backend: string, runner: RunnerRecord | undefined): boolean {
  if (runner !== undefined && runner.device.kind !== '') return runner.device.kind === 'cpu';
  return (CPU_BASELINES as readonly string[]).includes(backend);
}
