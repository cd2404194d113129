/**
 * Verification tolerances: the largest `max_rel_err` (docs/protocol.md §4) a case may report and
 * still count as correct. A case over its tolerance is reported as failed, never as fast. Each
 * workload's `tolerance(dtype)` starts from the per-dtype bound here.
 */
import type { Dtype } from '../types.js';

const BY_DTYPE: Record<Dtype, number> = { f32: 1e-4, tf32: 5e-3, f16: 1e-2, bf16: 2e-2 };

/** The per-dtype bound: f32 1e-4, tf32 5e-3, f16 1e-2, bf16 2e-2. */
export function dtypeTolerance(dtype: Dtype): number {
  return BY_DTYPE[dtype];
}
