/**
 * `matmul`: batched `C[b] = op(A[b]) · op(B[b])` (docs/protocol.md §4). The GEMM everything else
 * is built from, so it is the first thing to compare between a CPU and a GPU.
 */
import { DTYPES, dtypeBytes, MAX_DIM, MAX_TENSOR_ELEMENTS, type Dtype, type Params } from '../types.js';
import { num } from './params.js';
import { dtypeTolerance } from './tolerance.js';
import type { WorkloadDef } from './types.js';

interface Dims {
  batch: number;
  m: number;
  n: number;
  k: number;
}

function dims(p: Params): Dims {
  return { batch: num(p, 'batch'), m: num(p, 'm'), n: num(p, 'n'), k: num(p, 'k') };
}

/** Element counts of A, B and C. */
function elements(p: Params): [number, number, number] {
  const { batch, m, n, k } = dims(p);
  return [batch * m * k, batch * k * n, batch * m * n];
}

/** The matmul workload definition. */
export const matmul: WorkloadDef = {
  name: 'matmul',
  description: 'Batched dense matrix multiply C = op(A)·op(B), M×K by K×N.',
  smallCase: { m: 24, n: 20, k: 16, batch: 2, trans_a: false, trans_b: true },
  tolerance: dtypeTolerance,
  dtypes: DTYPES,
  rate: 'flop',
  params: [
    { name: 'm', kind: 'int', min: 1, max: MAX_DIM, doc: 'Rows of op(A) and C.' },
    { name: 'n', kind: 'int', min: 1, max: MAX_DIM, doc: 'Columns of op(B) and C.' },
    { name: 'k', kind: 'int', min: 1, max: MAX_DIM, doc: 'Inner dimension.' },
    { name: 'batch', kind: 'int', min: 1, max: MAX_DIM, default: 1, doc: 'Independent products.' },
    { name: 'trans_a', kind: 'bool', default: false, doc: 'A is stored K×M and transposed.' },
    { name: 'trans_b', kind: 'bool', default: false, doc: 'B is stored N×K and transposed.' },
  ],
  validate(p: Params): string[] {
    const names = ['A', 'B', 'C'];
    return elements(p).flatMap((count, i) =>
      count > MAX_TENSOR_ELEMENTS ? [`${names[i] ?? '?'} would hold ${count} elements, above 2^34`] : [],
    );
  },
  flop(p: Params): number {
    const { batch, m, n, k } = dims(p);
    return 2 * batch * m * n * k;
  },
  bytes(p: Params, dtype: Dtype): number {
    const [a, b, c] = elements(p);
    return (a + b + c) * dtypeBytes(dtype);
  },
  samples(): undefined {
    return undefined;
  },
  workingSetBytes(p: Params, dtype: Dtype): number {
    // A, B and C resident at once; transposes need no extra buffer.
    const [a, b, c] = elements(p);
    return (a + b + c) * dtypeBytes(dtype);
  },
};
