import { describe, expect, test } from 'vitest';
import { attention } from '../../../src/workloads/attention.js';
import { bandwidth } from '../../../src/workloads/bandwidth.js';
import { infer } from '../../../src/workloads/infer.js';
import { toleranceFor, workloadNames } from '../../../src/workloads/index.js';
import { defaultParams } from '../../../src/workloads/params.js';
import type { WorkloadDef } from '../../../src/workloads/types.js';
import type { Params } from '../../../src/types.js';
import schema from '../../../schema/suite.schema.json' with { type: 'json' };

function full(w: WorkloadDef, p: Params): Params {
  return { ...defaultParams(w.params), ...p };
}

test('the suite schema names every registered workload', () => {
  expect(schema.definitions.case.properties.workload.enum).toEqual(workloadNames());
});

describe('attention', () => {
  const p = full(attention, { batch: 2, heads: 3, seq: 4, head_dim: 8 });
  test('defaults', () => {
    expect(defaultParams(attention.params)).toEqual({ batch: 1, heads: 1, kv_seq: 0, head_dim: 64, causal: false });
  });
  test('flop = 4·batch·heads·pairs·d; causal counts the lower triangle', () => {
    expect(attention.flop(p, 'f32')).toBe(4 * 2 * 3 * 16 * 8);
    expect(attention.flop({ ...p, causal: true }, 'f32')).toBe(4 * 2 * 3 * 10 * 8);
    expect(attention.flop({ ...p, kv_seq: 6 }, 'f32')).toBe(4 * 2 * 3 * 24 * 8);
    // The H200 case of issue 16: 4·32·4096²·128·4 ≈ 1.1 TFLOP, half of it causal.
    const big = full(attention, { batch: 4, heads: 32, seq: 4096, head_dim: 128 });
    expect(attention.flop(big, 'f16')).toBe(4 * 4 * 32 * 4096 * 4096 * 128);
  });
  test('bytes: Q, K, V read and O written once', () => {
    expect(attention.bytes(p, 'f16')).toBe(4 * 2 * 3 * 4 * 8 * 2);
    expect(attention.bytes({ ...p, kv_seq: 6 }, 'f32')).toBe((2 * 192 + 2 * 288) * 4);
    expect(attention.samples(p)).toBeUndefined();
    expect(attention.workingSetBytes(p, 'f32')).toBe(4 * 192 * 4 + 16 * 4);
  });
  test('causal needs equal lengths', () => {
    expect(attention.validate({ ...p, causal: true }, 'f32')).toEqual([]);
    expect(attention.validate({ ...p, causal: true, kv_seq: 4 }, 'f32')).toEqual([]);
    expect(attention.validate({ ...p, causal: true, kv_seq: 5 }, 'f32')).toEqual([
      'causal attention needs kv_seq equal to seq (or 0), got 5 and 4',
    ]);
    expect(attention.dtypes).toEqual(['f32', 'f16', 'bf16']);
  });
});

describe('bandwidth', () => {
  test('copy moves 2 arrays, triad 3; triad does 2 flop per element', () => {
    const copy = full(bandwidth, { mib: 1 });
    expect(defaultParams(bandwidth.params)).toEqual({ op: 'copy', mib: 256 });
    expect(bandwidth.bytes(copy, 'f32')).toBe(2 * 2 ** 20);
    expect(bandwidth.flop(copy, 'f32')).toBe(0);
    const triad = full(bandwidth, { op: 'triad', mib: 1 });
    expect(bandwidth.bytes(triad, 'f16')).toBe(3 * 2 ** 20);
    expect(bandwidth.flop(triad, 'f32')).toBe(2 * 2 ** 18);
    expect(bandwidth.flop(triad, 'bf16')).toBe(2 * 2 ** 19);
    expect(bandwidth.workingSetBytes(triad, 'f32')).toBe(3 * 2 ** 20);
    expect(bandwidth.validate(copy, 'f32')).toEqual([]);
  });
});

describe('infer', () => {
  const p = full(infer, { layers: [2, 3, 4], batch: 5 });
  test('forward GEMMs only; samples = batch', () => {
    expect(infer.flop(p, 'f32')).toBe(2 * 5 * (6 + 12));
    // x 5·2, logits 5·4, 6 + 12 + 3 + 4 parameters.
    expect(infer.bytes(p, 'f32')).toBe((10 + 20 + 25) * 4);
    expect(infer.samples(p)).toBe(5);
    expect(infer.workingSetBytes(p, 'f32')).toBe((25 + 5 * (2 + 7)) * 4);
    expect(infer.validate(full(infer, { layers: [4], batch: 1 }), 'f32')).toEqual([
      'layers needs at least 2 widths (inputs and classes), got 1',
    ]);
  });
  test('tolerance like train', () => {
    expect(toleranceFor('infer', 'f32')).toBe(1e-3);
    expect(toleranceFor('attention', 'f32')).toBe(1e-4);
    expect(toleranceFor('bandwidth', 'bf16')).toBe(2e-2);
  });
});
