/**
 * `train`: one SGD step (forward, softmax cross-entropy, backward, update) of an MLP with the
 * listed layer widths (docs/protocol.md §4). FLOPs count the GEMMs only, which dominate: the
 * element-wise work (bias, ReLU, softmax, update) is a rounding error at useful sizes.
 */
import { DTYPES, dtypeBytes, MAX_DIM, type Dtype, type Params } from '../types.js';
import { intList, num } from './params.js';
import { layersParam, mlpProblems, paramCount, weightSum } from './mlp-shape.js';
import { dtypeTolerance } from './tolerance.js';
import type { WorkloadDef } from './types.js';

/** Bytes of one label: labels are int32 class indices. */
const LABEL_BYTES = 4;

/** The train workload definition. */
export const train: WorkloadDef = {
  name: 'train',
  description: 'One SGD training step of an MLP (forward, cross-entropy, backward, update).',
  smallCase: { model: 'mlp', layers: [12, 16, 5], batch: 4, lr: 0.01 },
  /** f32: the loss and gradients chain several reductions, so a looser bound (1e-3). */
  tolerance: (dtype) => (dtype === 'f32' ? 1e-3 : dtypeTolerance(dtype)),
  dtypes: DTYPES,
  rate: 'samples',
  params: [
    { name: 'model', kind: 'enum', values: ['mlp'], default: 'mlp', doc: 'Model family; mlp only in v1.' },
    layersParam,
    { name: 'batch', kind: 'int', min: 1, max: MAX_DIM, doc: 'Samples per step.' },
    { name: 'lr', kind: 'number', min: 0, exclusiveMin: true, default: 0.01, doc: 'SGD learning rate.' },
  ],
  validate(p: Params): string[] {
    return mlpProblems(p);
  },
  flop(p: Params): number {
    const layers = intList(p, 'layers');
    const batch = num(p, 'batch');
    const forward = 2 * batch * weightSum(layers);
    const weightGrads = forward;
    const inputGrads = 2 * batch * weightSum(layers, 2);
    return forward + weightGrads + inputGrads;
  },
  bytes(p: Params, dtype: Dtype): number {
    // x and labels read once; weights and biases read once and written once by the update.
    const layers = intList(p, 'layers');
    const batch = num(p, 'batch');
    const x = batch * (layers[0] ?? 0) * dtypeBytes(dtype);
    return x + batch * LABEL_BYTES + 2 * paramCount(layers) * dtypeBytes(dtype);
  },
  samples(p: Params): number {
    return num(p, 'batch');
  },
  workingSetBytes(p: Params, dtype: Dtype): number {
    // Parameters and their gradients, x, z and h of every layer, two activation-gradient buffers.
    const layers = intList(p, 'layers');
    const batch = num(p, 'batch');
    const hidden = layers.slice(1).reduce((a, b) => a + b, 0);
    const elems = 2 * paramCount(layers) + batch * ((layers[0] ?? 0) + 2 * hidden + 2 * Math.max(...layers));
    return elems * dtypeBytes(dtype) + batch * LABEL_BYTES;
  },
};
