/**
 * `infer`: forward-only inference of the MLP `train` steps (docs/protocol.md §4) at small batch:
 * the latency of one request, so results carry latency percentiles and samples/s. FLOPs count
 * the GEMMs (2·batch·ΣL(l−1)·L(l)); bias and ReLU are left out.
 */
import { layersParam, mlpProblems, paramCount, weightSum } from './mlp-shape.js';
import { intList, num } from './params.js';
import { dtypeTolerance } from './tolerance.js';
import type { WorkloadDef } from './types.js';
import { DTYPES, dtypeBytes, MAX_DIM, type Dtype, type Params } from '../types.js';

/** The infer workload definition. */
export const infer: WorkloadDef = {
  name: 'infer',
  description: 'Forward-only MLP inference (latency percentiles and samples/s at small batch).',
  smallCase: { model: 'mlp', layers: [12, 16, 5], batch: 3 },
  /** f32: the logits chain several layers' reductions against one float64 chain, so a looser bound. */
  tolerance: (dtype) => (dtype === 'f32' ? 1e-3 : dtypeTolerance(dtype)),
  dtypes: DTYPES,
  rate: 'samples',
  latency: true,
  defaultTiming: 'isolated',
  params: [
    { name: 'model', kind: 'enum', values: ['mlp'], default: 'mlp', doc: 'Model family; mlp only.' },
    layersParam,
    { name: 'batch', kind: 'int', min: 1, max: MAX_DIM, default: 1, doc: 'Samples per forward pass.' },
  ],
  validate(p: Params): string[] {
    return mlpProblems(p);
  },
  flop(p: Params): number {
    return 2 * num(p, 'batch') * weightSum(intList(p, 'layers'));
  },
  bytes(p: Params, dtype: Dtype): number {
    // x read, weights and biases read once, logits written.
    const layers = intList(p, 'layers');
    const batch = num(p, 'batch');
    return (batch * ((layers[0] ?? 0) + (layers.at(-1) ?? 0)) + paramCount(layers)) * dtypeBytes(dtype);
  },
  samples(p: Params): number {
    return num(p, 'batch');
  },
  workingSetBytes(p: Params, dtype: Dtype): number {
    const layers = intList(p, 'layers');
    const hidden = layers.slice(1).reduce((a, b) => a + b, 0);
    return (paramCount(layers) + num(p, 'batch') * ((layers[0] ?? 0) + hidden)) * dtypeBytes(dtype);
  },
};
