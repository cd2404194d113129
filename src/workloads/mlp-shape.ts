/**
 * The MLP both `train` and `infer` run (docs/protocol.md §4): its layer-width parameter, its checks
 * and its size arithmetic, defined once so the two workloads count the same model the same way.
 */
import { intList, num, str } from './params.js';
import type { ParamDef } from './types.js';
import { MAX_DIM, MAX_TENSOR_ELEMENTS, type Params } from '../types.js';

/** The `layers` parameter: widths L0 (inputs), L1, …, Ln (classes). */
export const layersParam: ParamDef = {
  name: 'layers',
  kind: 'int-list',
  min: 1,
  max: MAX_DIM,
  minItems: 2,
  doc: 'Layer widths L0 (inputs), L1, …, Ln (classes).',
};

/** Σ L(l−1)·L(l) over weight layers `from`…n (1-based): the weight elements of those layers. */
export function weightSum(layers: readonly number[], from = 1): number {
  let sum = 0;
  for (let l = Math.max(from, 1); l < layers.length; l++) {
    sum += (layers[l - 1] ?? 0) * (layers[l] ?? 0);
  }
  return sum;
}

/** Weights plus biases of the whole model. */
export function paramCount(layers: readonly number[]): number {
  return weightSum(layers) + layers.slice(1).reduce((a, b) => a + b, 0);
}

/** What is wrong with the model, layers and batch of validated params (one message each). */
export function mlpProblems(p: Params): string[] {
  const errors: string[] = [];
  const layers = intList(p, 'layers');
  if (str(p, 'model') !== 'mlp') errors.push(`model must be mlp, got ${str(p, 'model')}`);
  if (layers.length < 2) errors.push(`layers needs at least 2 widths (inputs and classes), got ${layers.length}`);
  if (layers.some((w) => w < 1)) errors.push('every layer width must be at least 1');
  const batch = num(p, 'batch');
  const widest = Math.max(...layers);
  const weights = Math.max(...layers.slice(1).map((w, i) => w * (layers[i] ?? 0)));
  if (batch * widest > MAX_TENSOR_ELEMENTS) errors.push(`activations would hold ${batch * widest} elements, above 2^34`);
  if (weights > MAX_TENSOR_ELEMENTS) errors.push(`a weight matrix would hold ${weights} elements, above 2^34`);
  return errors;
}
