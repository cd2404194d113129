import { expect, test } from 'vitest';
import { caseKey, specString } from '../../../src/suite/key.js';
import { displayValue, specValue } from '../../../src/types.js';
import type { CaseSpec } from '../../../src/types.js';

const mm: CaseSpec = {
  workload: 'matmul',
  dtype: 'f32',
  params: { m: 2048, n: 2048, k: 2048, batch: 1, trans_a: false, trans_b: false },
};

test('spec strings omit defaults, keep definition order, end with dtype', () => {
  expect(specString(mm)).toBe('matmul m=2048 n=2048 k=2048 dtype=f32');
  expect(specString({ ...mm, dtype: 'bf16', params: { ...mm.params, trans_b: true, batch: 8 } })).toBe(
    'matmul m=2048 n=2048 k=2048 batch=8 trans_b=true dtype=bf16',
  );
  const conv: CaseSpec = {
    workload: 'conv2d',
    dtype: 'f16',
    params: { n: 8, c: 64, h: 56, w: 56, k: 64, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 1, layout: 'nhwc' },
  };
  expect(specString(conv)).toBe('conv2d n=8 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 layout=nhwc dtype=f16');
  const mlp: CaseSpec = { workload: 'train', dtype: 'f32', params: { model: 'mlp', layers: [1024, 4096, 4096, 10], batch: 256, lr: 0.01 } };
  expect(specString(mlp)).toBe('train layers=1024,4096,4096,10 batch=256 dtype=f32');
  expect(specString({ ...mlp, params: { ...mlp.params, lr: 0.001 } })).toBe('train layers=1024,4096,4096,10 batch=256 lr=0.001 dtype=f32');
});

test('keys prefix the backend', () => {
  expect(caseKey('cuda', mm)).toBe('cuda/matmul m=2048 n=2048 k=2048 dtype=f32');
});

test('a parameter at its default never shows, so adding one with a default keeps old keys', () => {
  // The same case written with every default explicit and with none gives one key.
  const minimal: CaseSpec = { workload: 'matmul', dtype: 'f32', params: { m: 64, n: 64, k: 64, batch: 1, trans_a: false, trans_b: false } };
  expect(specString(minimal)).toBe('matmul m=64 n=64 k=64 dtype=f32');
});

test('values format as --case expects', () => {
  expect(specValue([1, 2, 3])).toBe('1,2,3');
  expect(specValue(true)).toBe('true');
  expect(specValue(0.01)).toBe('0.01');
  expect(specValue('nchw')).toBe('nchw');
});

test('display form differs from key form only for lists', () => {
  expect(displayValue([3, 3])).toBe('3x3');
  expect(specValue([3, 3])).toBe('3,3');
  for (const v of [7, 0.5, true, 'nhwc']) expect(displayValue(v)).toBe(specValue(v));
});

test('specString refuses specs that were not validated', () => {
  expect(() => specString({ workload: 'nope', dtype: 'f32', params: {} })).toThrow('unknown workload nope');
  expect(() => specString({ workload: 'matmul', dtype: 'f32', params: { m: 1 } })).toThrow('lacks n');
});
