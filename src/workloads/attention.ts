/**
 * `attention`: scaled dot-product attention forward, O = softmax(Q·Kᵀ/√d [+ causal mask])·V per
 * batch entry and head (docs/protocol.md §4). The op every transformer spends its time in; its
 * FLOPs count the two GEMMs (4·d per unmasked query–key pair), the softmax is left out.
 */
import { bool, num } from './params.js';
import { dtypeTolerance } from './tolerance.js';
import type { WorkloadDef } from './types.js';
import { dtypeBytes, MAX_DIM, MAX_TENSOR_ELEMENTS, type Dtype, type Params } from '../types.js';

interface Dims {
  batch: number;
  heads: number;
  seq: number;
  kv: number;
  d: number;
  causal: boolean;
}

/** The case's dimensions; kv_seq 0 means the key length equals the query length. */
function dims(p: Params): Dims {
  const seq = num(p, 'seq');
  const kvSeq = num(p, 'kv_seq');
  return { batch: num(p, 'batch'), heads: num(p, 'heads'), seq, kv: kvSeq === 0 ? seq : kvSeq, d: num(p, 'head_dim'), causal: bool(p, 'causal') };
}

/** Element counts of Q (= O) and of K (= V). */
function elements(p: Params): { q: number; kv: number } {
  const s = dims(p);
  return { q: s.batch * s.heads * s.seq * s.d, kv: s.batch * s.heads * s.kv * s.d };
}

/** Query–key pairs that are not masked: all of them, or the lower triangle with its diagonal. */
function pairs(s: Dims): number {
  return s.causal ? (s.seq * (s.seq + 1)) / 2 : s.seq * s.kv;
}

/** The attention workload definition. */
export const attention: WorkloadDef = {
  name: 'attention',
  description: 'Scaled dot-product attention forward, softmax(Q·Kᵀ/√d)·V, causal or not.',
  smallCase: { batch: 2, heads: 2, seq: 9, kv_seq: 0, head_dim: 8, causal: true },
  tolerance: dtypeTolerance,
  dtypes: ['f32', 'f16', 'bf16'],
  rate: 'flop',
  params: [
    { name: 'batch', kind: 'int', min: 1, max: MAX_DIM, default: 1, doc: 'Batch entries.' },
    { name: 'heads', kind: 'int', min: 1, max: MAX_DIM, default: 1, doc: 'Attention heads.' },
    { name: 'seq', kind: 'int', min: 1, max: MAX_DIM, doc: 'Query length.' },
    { name: 'kv_seq', kind: 'int', min: 0, max: MAX_DIM, default: 0, doc: 'Key/value length; 0 = seq.' },
    { name: 'head_dim', kind: 'int', min: 1, max: 512, default: 64, doc: 'Head dimension d (at most 512).' },
    { name: 'causal', kind: 'bool', default: false, doc: 'Query i attends to keys 0…i only.' },
  ],
  validate(p: Params): string[] {
    const s = dims(p);
    const errors: string[] = [];
    if (s.causal && s.kv !== s.seq) errors.push(`causal attention needs kv_seq equal to seq (or 0), got ${s.kv} and ${s.seq}`);
    const { q, kv } = elements(p);
    if (q > MAX_TENSOR_ELEMENTS) errors.push(`Q would hold ${q} elements, above 2^34`);
    if (kv > MAX_TENSOR_ELEMENTS) errors.push(`K would hold ${kv} elements, above 2^34`);
    return errors;
  },
  flop(p: Params): number {
    const s = dims(p);
    return 4 * s.batch * s.heads * pairs(s) * s.d;
  },
  bytes(p: Params, dtype: Dtype): number {
    // Q, K and V read once, O written once: what a fused (flash) kernel moves.
    const { q, kv } = elements(p);
    return (2 * q + 2 * kv) * dtypeBytes(dtype);
  },
  samples(): undefined {
    return undefined;
  },
  workingSetBytes(p: Params, dtype: Dtype): number {
    // Q, K, V, O, plus one (batch, head) score matrix in f32 for the unfused paths.
    const s = dims(p);
    const { q, kv } = elements(p);
    return (2 * q + 2 * kv) * dtypeBytes(dtype) + s.seq * s.kv * 4;
  },
};
