/**
 * Registry of workload definitions. Lookups go through a Map so a name from a file
 * (`constructor`, `__proto__`) can never reach an Object prototype member.
 */
import { attention } from './attention.js';
import { bandwidth } from './bandwidth.js';
import { conv2d } from './conv2d.js';
import { infer } from './infer.js';
import { matmul } from './matmul.js';
import { train } from './train.js';
import type { Dtype, TimingModel } from '../types.js';
import { dtypeTolerance } from './tolerance.js';
import type { ParamDef, WorkloadDef } from './types.js';

const REGISTRY = new Map<string, WorkloadDef>([matmul, conv2d, train, attention, bandwidth, infer].map((w) => [w.name, w]));

/** The definition of `name`, or undefined for an unknown workload. */
export function getWorkload(name: string): WorkloadDef | undefined {
  return REGISTRY.get(name);
}

/** Every workload name, in registry order (matmul, conv2d, train, attention, bandwidth, infer). */
export function workloadNames(): string[] {
  return [...REGISTRY.keys()];
}

/** The parameter `name` of `workload`, or undefined. */
export function paramDef(workload: WorkloadDef, name: string): ParamDef | undefined {
  return workload.params.find((p) => p.name === name);
}

export type { ParamDef, WorkloadDef } from './types.js';

/** The timing model `workload`'s cases run under by default: isolated for infer, else streamed. */
export function defaultTimingFor(workload: string): TimingModel {
  return getWorkload(workload)?.defaultTiming ?? 'streamed';
}

/** Tolerance of `workload` in `dtype` (the workload's own rule; the per-dtype bound if unknown). */
export function toleranceFor(workload: string, dtype: Dtype): number {
  return getWorkload(workload)?.tolerance(dtype) ?? dtypeTolerance(dtype);
}
