/**
 * `conv2d`: forward 2-D cross-correlation with zero padding, stride, dilation and groups, in
 * NCHW or NHWC layout (docs/protocol.md §4). FLOPs count multiply-adds of the direct algorithm,
 * whatever algorithm the backend picks (Winograd, FFT), so throughputs stay comparable.
 */
import { DTYPES, dtypeBytes, MAX_DIM, MAX_TENSOR_ELEMENTS, type Dtype, type Params } from '../types.js';
import { num } from './params.js';
import { dtypeTolerance } from './tolerance.js';
import type { WorkloadDef } from './types.js';

/** Output height and width: `floor((H + 2·pad − dilation·(R−1) − 1) / stride) + 1`. */
export function convOutputDims(p: Params): { p: number; q: number } {
  const out = (size: number, kernel: number): number => {
    const span = num(p, 'dilation') * (kernel - 1) + 1;
    return Math.floor((size + 2 * num(p, 'pad') - span) / num(p, 'stride')) + 1;
  };
  return { p: out(num(p, 'h'), num(p, 'r')), q: out(num(p, 'w'), num(p, 's')) };
}

/** Element counts of X, W and Y. */
function elements(p: Params): [number, number, number] {
  const [n, c, k] = [num(p, 'n'), num(p, 'c'), num(p, 'k')];
  const { p: outH, q: outW } = convOutputDims(p);
  const cg = c / num(p, 'groups');
  return [n * c * num(p, 'h') * num(p, 'w'), k * cg * num(p, 'r') * num(p, 's'), n * k * outH * outW];
}

function dim(name: string, doc: string, min = 1): WorkloadDef['params'][number] {
  return { name, kind: 'int', min, max: MAX_DIM, doc };
}

/** The conv2d workload definition. */
export const conv2d: WorkloadDef = {
  name: 'conv2d',
  description: 'Forward 2-D convolution (cross-correlation), NCHW or NHWC.',
  smallCase: { n: 1, c: 4, h: 9, w: 9, k: 6, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 2, layout: 'nchw' },
  tolerance: dtypeTolerance,
  dtypes: DTYPES,
  rate: 'flop',
  params: [
    dim('n', 'Batch size.'),
    dim('c', 'Input channels.'),
    dim('h', 'Input height.'),
    dim('w', 'Input width.'),
    dim('k', 'Output channels (filters).'),
    dim('r', 'Filter height.'),
    dim('s', 'Filter width.'),
    { ...dim('stride', 'Stride in both directions.'), default: 1 },
    { ...dim('pad', 'Zero padding on every side.', 0), default: 0 },
    { ...dim('dilation', 'Filter dilation in both directions.'), default: 1 },
    { ...dim('groups', 'Channel groups; must divide c and k.'), default: 1 },
    { name: 'layout', kind: 'enum', values: ['nchw', 'nhwc'], default: 'nchw', doc: 'Memory layout of X and Y.' },
  ],
  validate(p: Params): string[] {
    const errors: string[] = [];
    const g = num(p, 'groups');
    for (const ch of ['c', 'k']) {
      if (num(p, ch) % g !== 0) errors.push(`groups=${g} must divide ${ch}=${num(p, ch)}`);
    }
    const { p: outH, q: outW } = convOutputDims(p);
    if (outH < 1 || outW < 1) {
      errors.push(`output would be ${outH}×${outW}; the dilated filter must fit in the padded input`);
      return errors;
    }
    const names = ['X', 'W', 'Y'];
    elements(p).forEach((count, i) => {
      if (count > MAX_TENSOR_ELEMENTS) errors.push(`${names[i] ?? '?'} would hold ${count} elements, above 2^34`);
    });
    return errors;
  },
  flop(p: Params): number {
    const { p: outH, q: outW } = convOutputDims(p);
    const cg = num(p, 'c') / num(p, 'groups');
    return 2 * num(p, 'n') * num(p, 'k') * outH * outW * cg * num(p, 'r') * num(p, 's');
  },
  bytes(p: Params, dtype: Dtype): number {
    const [x, w, y] = elements(p);
    return (x + w + y) * dtypeBytes(dtype);
  },
  samples(): undefined {
    return undefined;
  },
  workingSetBytes(p: Params, dtype: Dtype): number {
    // Tensors plus an im2col buffer for one image, the usual CPU/GEMM workspace.
    const { p: outH, q: outW } = convOutputDims(p);
    const im2col = num(p, 'c') * num(p, 'r') * num(p, 's') * outH * outW;
    const [x, w, y] = elements(p);
    return (x + w + y + im2col) * dtypeBytes(dtype);
  },
};
