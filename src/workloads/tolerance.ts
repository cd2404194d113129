/**
 * Verification tolerances: the largest `max_rel_err` (docs/protocol.md §4) a case may report and
 * still count as correct. A case over its tolerance is reported as failed, never as fast.
 */
import type { Dtype } from '../types.js';

const BY_DTYPE: Record<Dtype, number> = { f32: 1e-4, tf32: 5e-3, f16: 1e-2, bf16: 2e-2 };

/**
 * f32 MLP (train, infer): the logits and gradients chain several layers' reductions, checked
 * against one float64 chain, so a looser f32 bound.
 */
const CHAINED_F32 = 1e-3;

/** Tolerance for `workload` in `dtype`: f32 1e-4 (train, infer 1e-3), tf32 5e-3, f16 1e-2, bf16 2e-2. */
export function toleranceFor(workload: string, dtype: Dtype): number {
  if ((workload === 'train' || workload === 'infer') && dtype === 'f32') return CHAINED_F32;
  return BY_DTYPE[dtype];
}
