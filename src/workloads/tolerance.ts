/**
 * Verification tolerances: the largest `max_rel_err` (docs/protocol.md §4) a case may report and
 * still count as correct. A case over its tolerance is reported as failed, never as fast.
 */
import type { Dtype } from '../types.js';

const BY_DTYPE: Record<Dtype, number> = { f32: 1e-4, tf32: 5e-3, f16: 1e-2, bf16: 2e-2 };

/** f32 training step: the loss and gradients chain several reductions, so a looser f32 bound. */
const TRAIN_F32 = 1e-3;

/** Tolerance for `workload` in `dtype`: f32 1e-4 (train 1e-3), tf32 5e-3, f16 1e-2, bf16 2e-2. */
export function toleranceFor(workload: string, dtype: Dtype): number {
  if (workload === 'train' && dtype === 'f32') return TRAIN_F32;
  return BY_DTYPE[dtype];
}
