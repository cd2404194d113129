/**
 * `train`: one SGD step (forward, softmax cross-entropy, backward, update) of an MLP with the
 * listed layer widths (docs/protocol.md §4). FLOPs count the GEMMs only, which dominate: the
 * element-wise work (bias, ReLU, softmax, update) is a rounding error at useful sizes.
 */
import type { Dtype } from '../types.js';
import { intList, num, str } from './params.js';
import { MAX_DIM, MAX_ELEMENTS, type WorkloadDef } from './types.js';
import { DTYPES, dtypeBytes, type Params } from '../types.js';

/** Bytes of one label: labels are int32 class indices. */
const LABEL_BYTES = 4;

/** Σ L(l−1)·L(l) over weight layers `from`…n (1-based): the weight elements of those layers. */
function weightSum(layers: readonly number[], from = 1): number {
  let sum = 0;
  for (let l = Math.max(from, 1); l < layers.length; l++) {
    sum += (layers[l - 1] ?? 0) * (layers[l] ?? 0);
  }
  return sum;
}

/** Weights plus biases of the whole model. */
function paramCount(layers: readonly number[]): number {
  return weightSum(layers) + layers.slice(1).reduce((a, b) => a + b, 0);
}

/** The train workload definition. */
export const train: WorkloadDef = {
  name: 'train',
  description: 'One SGD training step of an MLP (forward, cross-entropy, backward, update).',
  dtypes: DTYPES,
  params: [
    { name: 'model', kind: 'enum', values: ['mlp'], default: 'mlp', doc: 'Model family; mlp only in v1.' },
    {
      name: 'layers',
      kind: 'int-list',
      min: 1,
      max: MAX_DIM,
      minItems: 2,
      doc: 'Layer widths L0 (inputs), L1, …, Ln (classes).',
    },
    { name: 'batch', kind: 'int', min: 1, max: MAX_DIM, doc: 'Samples per step.' },
    { name: 'lr', kind: 'number', min: 0, exclusiveMin: true, default: 0.01, doc: 'SGD learning rate.' },
  ],
  validate(p: Params): string[] {
    const errors: string[] = [];
    const layers = intList(p, 'layers');
    if (str(p, 'model') !== 'mlp') errors.push(`model must be mlp, got ${str(p, 'model')}`);
    if (layers.length < 2) errors.push(`layers needs at least 2 widths (inputs and classes), got ${layers.length}`);
    if (layers.some((w) => w < 1)) errors.push('every layer width must be at least 1');
    const batch = num(p, 'batch');
    const widest = Math.max(...layers);
    const weights = Math.max(...layers.slice(1).map((w, i) => w * (layers[i] ?? 0)));
    if (batch * widest > MAX_ELEMENTS) errors.push(`activations would hold ${batch * widest} elements, above 2^40`);
    if (weights > MAX_ELEMENTS) errors.push(`a weight matrix would hold ${weights} elements, above 2^40`);
    return errors;
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
