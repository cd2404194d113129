import { describe, expect, test } from 'vitest';
import { conv2d, convOutputDims } from '../../../src/workloads/conv2d.js';
import { getWorkload, paramDef, toleranceFor, workloadNames } from '../../../src/workloads/index.js';
import { matmul } from '../../../src/workloads/matmul.js';
import { defaultParams } from '../../../src/workloads/params.js';
import { train } from '../../../src/workloads/train.js';
import type { WorkloadDef } from '../../../src/workloads/types.js';
import { MAX_TENSOR_ELEMENTS, type Params } from '../../../src/types.js';

/** Defaults of `w` overlaid with `p`. */
function full(w: WorkloadDef, p: Params): Params {
  return { ...defaultParams(w.params), ...p };
}

describe('registry', () => {
  test('names in order, lookups through a Map', () => {
    expect(workloadNames()).toEqual(['matmul', 'conv2d', 'train', 'attention', 'bandwidth', 'infer']);
    expect(getWorkload('conv2d')).toBe(conv2d);
    expect(getWorkload('constructor')).toBeUndefined();
    expect(getWorkload('__proto__')).toBeUndefined();
    expect(paramDef(matmul, 'trans_b')?.default).toBe(false);
  });

  test('parameter order and defaults', () => {
    expect(matmul.params.map((p) => p.name)).toEqual(['m', 'n', 'k', 'batch', 'trans_a', 'trans_b']);
    expect(conv2d.params.map((p) => p.name)).toEqual(['n', 'c', 'h', 'w', 'k', 'r', 's', 'stride', 'pad', 'dilation', 'groups', 'layout']);
    expect(train.params.map((p) => p.name)).toEqual(['model', 'layers', 'batch', 'lr']);
    expect(defaultParams(conv2d.params)).toEqual({ stride: 1, pad: 0, dilation: 1, groups: 1, layout: 'nchw' });
    expect(defaultParams(train.params)).toEqual({ model: 'mlp', lr: 0.01 });
    for (const w of [matmul, conv2d, train]) expect(w.dtypes).toEqual(['f32', 'tf32', 'f16', 'bf16']);
  });
});

describe('matmul', () => {
  const p = full(matmul, { m: 2, n: 3, k: 4, batch: 5 });
  test('flop = 2·batch·M·N·K', () => {
    expect(matmul.flop(p, 'f32')).toBe(240);
    expect(matmul.flop(full(matmul, { m: 2048, n: 2048, k: 2048 }), 'f32')).toBe(17_179_869_184);
  });
  test('bytes: A, B read and C written once', () => {
    expect(matmul.bytes(p, 'f32')).toBe((40 + 60 + 30) * 4);
    expect(matmul.bytes(p, 'tf32')).toBe(520);
    expect(matmul.bytes(p, 'f16')).toBe(260);
    expect(matmul.bytes(p, 'bf16')).toBe(260);
    expect(matmul.workingSetBytes(p, 'f32')).toBe(520);
    expect(matmul.samples(p)).toBeUndefined();
  });
  test('refuses tensors above 2^34 elements, the protocol limit every runner enforces', () => {
    expect(MAX_TENSOR_ELEMENTS).toBe(2 ** 34);
    expect(matmul.validate(full(matmul, { m: 2 ** 17 + 1, n: 2 ** 17, k: 1 }), 'f32')).toEqual([
      `C would hold ${(2 ** 17 + 1) * 2 ** 17} elements, above 2^34`,
    ]);
    // between 2^34 and 2^40: validated before, refused `invalid` by every runner
    expect(matmul.validate(full(matmul, { m: 2 ** 19, n: 2 ** 19, k: 1 }), 'f32')).toHaveLength(1);
    expect(matmul.validate(full(matmul, { m: 2 ** 17, n: 2 ** 17, k: 1 }), 'f32')).toEqual([]);
  });
});

describe('conv2d', () => {
  const resnet = full(conv2d, { n: 4, c: 64, h: 56, w: 56, k: 64, r: 3, s: 3, pad: 1 });
  test('output dims', () => {
    expect(convOutputDims(resnet)).toEqual({ p: 56, q: 56 });
    const conv1 = full(conv2d, { n: 1, c: 3, h: 224, w: 224, k: 64, r: 7, s: 7, stride: 2, pad: 3 });
    expect(convOutputDims(conv1)).toEqual({ p: 112, q: 112 });
    expect(convOutputDims(full(conv2d, { n: 1, c: 1, h: 10, w: 12, k: 1, r: 3, s: 3, dilation: 2 }))).toEqual({ p: 6, q: 8 });
    expect(convOutputDims(full(conv2d, { n: 1, c: 1, h: 7, w: 8, k: 1, r: 3, s: 2, stride: 2 }))).toEqual({ p: 3, q: 4 });
  });
  test('flop = 2·N·K·P·Q·(C/groups)·R·S', () => {
    expect(conv2d.flop(resnet, 'f32')).toBe(924_844_032);
    const grouped = full(conv2d, { n: 2, c: 8, h: 4, w: 4, k: 16, r: 1, s: 1, groups: 4 });
    expect(conv2d.flop(grouped, 'f32')).toBe(2 * 2 * 16 * 4 * 4 * 2);
  });
  test('bytes and working set', () => {
    const x = 4 * 64 * 56 * 56;
    const w = 64 * 64 * 9;
    expect(conv2d.bytes(resnet, 'f32')).toBe((x + w + x) * 4);
    expect(conv2d.bytes(resnet, 'f16')).toBe((x + w + x) * 2);
    expect(conv2d.workingSetBytes(resnet, 'f32')).toBe((x + w + x + 64 * 9 * 56 * 56) * 4);
  });
  test('cross-field rules', () => {
    expect(conv2d.validate(full(conv2d, { n: 1, c: 6, h: 8, w: 8, k: 9, r: 3, s: 3, groups: 2 }), 'f32')).toEqual([
      'groups=2 must divide k=9',
    ]);
    expect(conv2d.validate(full(conv2d, { n: 1, c: 3, h: 2, w: 8, k: 4, r: 3, s: 3 }), 'f32')).toEqual([
      'output would be 0×6; the dilated filter must fit in the padded input',
    ]);
    expect(conv2d.validate(resnet, 'bf16')).toEqual([]);
  });
});

describe('train', () => {
  const small = full(train, { layers: [2, 3, 4], batch: 5 });
  const mnist = full(train, { layers: [784, 1024, 1024, 10], batch: 128 });
  test('flop: forward, weight grads, input grads of layers 2…n', () => {
    // forward 2·5·(2·3 + 3·4) = 180; weight grads 180; input grads 2·5·(3·4) = 120.
    expect(train.flop(small, 'f32')).toBe(480);
    // Σ = 802816 + 1048576 + 10240 = 1861632; 2·128·(2·1861632 + 1058816).
    expect(train.flop(mnist, 'f32')).toBe(1_224_212_480);
    expect(train.flop(full(train, { layers: [8, 2], batch: 1 }), 'f32')).toBe(64);
  });
  test('bytes, samples, working set', () => {
    // x 5·2·4 = 40, labels 5·4 = 20, (6 + 12 + 3 + 4) params read and written: 2·25·4 = 200.
    expect(train.bytes(small, 'f32')).toBe(260);
    expect(train.bytes(small, 'bf16')).toBe(20 + 20 + 100);
    expect(train.samples(small)).toBe(5);
    // 2·25 params + 5·(2 + 2·7 + 2·4) activations = 170 elements, + 20 label bytes.
    expect(train.workingSetBytes(small, 'f32')).toBe(170 * 4 + 20);
  });
  test('cross-field rules', () => {
    expect(train.validate(full(train, { layers: [4], batch: 1 }), 'f32')).toEqual([
      'layers needs at least 2 widths (inputs and classes), got 1',
    ]);
    expect(train.validate(full(train, { layers: [4, 0, 2], batch: 1 }), 'f32')).toEqual(['every layer width must be at least 1']);
    expect(train.validate(full(train, { model: 'cnn', layers: [4, 2], batch: 1 }), 'f32')).toEqual(['model must be mlp, got cnn']);
    expect(train.validate(mnist, 'f16')).toEqual([]);
  });
});

test('tolerances per docs/protocol.md', () => {
  expect(toleranceFor('matmul', 'f32')).toBe(1e-4);
  expect(toleranceFor('conv2d', 'f32')).toBe(1e-4);
  expect(toleranceFor('train', 'f32')).toBe(1e-3);
  expect(toleranceFor('train', 'tf32')).toBe(5e-3);
  expect(toleranceFor('matmul', 'tf32')).toBe(5e-3);
  expect(toleranceFor('conv2d', 'f16')).toBe(1e-2);
  expect(toleranceFor('train', 'bf16')).toBe(2e-2);
});
