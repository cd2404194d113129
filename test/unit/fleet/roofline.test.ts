/**
 * Arithmetic intensity and "bound by" from the real workload definitions, against the H200's
 * datasheet roofs (989.5 TFLOP/s dense f16, 67 TFLOP/s f32, 4.8 TB/s), with the figures worked
 * out by hand in the comments; the measured-bandwidth fallback; and hostile numbers.
 */
import { describe, expect, it } from 'vitest';
import { matchChip } from '../../../src/fleet/chips/match.js';
import { boundCell } from '../../../src/fleet/render/cells.js';
import { bandwidthRoof, intensityOf, measuredBandwidths, roofPosition } from '../../../src/fleet/roofline.js';
import type { Device, Observation } from '../../../src/fleet/types.js';
import type { Dtype, Params } from '../../../src/types.js';
import { attention } from '../../../src/workloads/attention.js';
import { bandwidth } from '../../../src/workloads/bandwidth.js';
import { matmul } from '../../../src/workloads/matmul.js';
import { defaultParams } from '../../../src/workloads/params.js';
import type { WorkloadDef } from '../../../src/workloads/types.js';

const H200: Device = { key: 'gpu:nvidia-h200', label: 'NVIDIA H200 SXM', kind: 'gpu', chip: matchChip('NVIDIA H200') };
const CPU: Device = { key: 'cpu:AMD EPYC|2', label: 'AMD EPYC (2 threads)', kind: 'cpu', cpuModel: 'AMD EPYC', threads: 2 };
const NONE = new Map<string, number>();

/** The work record `run` writes for a case of `def` (defaults filled in). */
function work(def: WorkloadDef, params: Params, dtype: Dtype): { flop: number; bytes: number } {
  const p = { ...defaultParams(def.params), ...params };
  return { flop: def.flop(p, dtype), bytes: def.bytes(p, dtype) };
}

const ATTN = { batch: 4, heads: 32, seq: 4096, head_dim: 128 };

describe('intensityOf, from the workload definitions', () => {
  it('attention b4 h32 s4096 d128 f16: 2^40 FLOP over 2^29 bytes = 2048 FLOP/byte', () => {
    // FLOP 4·b·h·s²·d = 4·4·32·4096²·128 = 2^40; bytes (Q, K, V read, O written) 4·(4·32·4096·128)·2 B = 2^29
    const w = work(attention, { ...ATTN, causal: false }, 'f16');
    expect(w).toEqual({ flop: 2 ** 40, bytes: 2 ** 29 });
    expect(intensityOf(w)).toBe(2048);
  });

  it('causal attention counts s(s+1)/2 pairs: 1024.25 FLOP/byte', () => {
    // 4·4·32·128·(4096·4097/2) = 549,890,031,616 FLOP; / 2^29 B = 4097/4 = 1024.25
    expect(intensityOf(work(attention, { ...ATTN, causal: true }, 'f16'))).toBe(1024.25);
  });

  it('matmul 8192³ f16: 2·8192³ over 3·8192²·2 bytes = 8192/3', () => {
    expect(intensityOf(work(matmul, { m: 8192, n: 8192, k: 8192 }, 'f16'))).toBeCloseTo(8192 / 3, 9);
  });

  it('bandwidth: copy does no arithmetic (0), triad f32 2 FLOP per 12 bytes (1/6)', () => {
    // copy 1 GiB f32: 2^28 elements, 2 arrays × 4 B → 2^31 B, 0 FLOP; triad: 2·2^28 FLOP over 3·2^30 B
    expect(intensityOf(work(bandwidth, { op: 'copy', mib: 1024 }, 'f32'))).toBe(0);
    expect(intensityOf(work(bandwidth, { op: 'triad', mib: 1024 }, 'f32'))).toBeCloseTo(1 / 6, 12);
  });
});

describe('bound by, on the H200 (medians from test/fixtures/fleet/h200-issue16-pre-cudnn-2026-12-02.json)', () => {
  it('attention f16 at 2048 FLOP/byte is compute-bound: ridge 989.5/4.8 = 206 FLOP/byte', () => {
    // torch-cuda 1.8951 ms: 2^40 / 1.8951e-3 = 580.2 TFLOP/s = 58.6% of 989.5 TFLOP/s
    const p = roofPosition(H200, 'f16', work(attention, { ...ATTN, causal: false }, 'f16'), 1.8950645740215594e-3, NONE, NONE);
    expect(p?.bound).toBe('compute');
    expect(p?.compute).toBe(989.5e12);
    expect(p?.bandwidth).toEqual({ value: 4.8e12, kind: 'datasheet', label: 'NVIDIA H200 SXM datasheet' });
    expect(p?.fraction).toBeCloseTo(0.58635, 4);
    expect(boundCell(p ?? { intensity: 0, flops: 0, bytesPerS: 0 }).text).toBe('compute 58.6%');
  });

  it('triad f32 at 1/6 FLOP/byte is memory-bound: 4.8e12/6 = 0.8 TFLOP/s < 67 TFLOP/s', () => {
    // 3·2^30 B / 0.73706 ms = 4.370 TB/s = 91.0% of 4.8 TB/s (the same share of the FLOP roof)
    const p = roofPosition(H200, 'f32', work(bandwidth, { op: 'triad', mib: 1024 }, 'f32'), 7.370613239429615e-4, NONE, NONE);
    expect(p?.bound).toBe('memory');
    expect(p?.bytesPerS).toBeCloseTo(4.37036e12, -8);
    expect(p?.fraction).toBeCloseTo(0.91049, 4);
  });

  it('copy is placed by its bytes/s: 2^31 B / 0.50769 ms = 4.230 TB/s = 88.1% of the roof', () => {
    const p = roofPosition(H200, 'f32', work(bandwidth, { op: 'copy', mib: 1024 }, 'f32'), 5.076865660838592e-4, NONE, NONE);
    expect(p).toMatchObject({ intensity: 0, flops: 0, bound: 'memory' });
    expect(p?.fraction).toBeCloseTo(0.88124, 4);
  });
});

describe('bandwidth roof fallback', () => {
  const obs = (device: Device, spec: Params, median: number): Observation =>
    ({ file: 0, machine: 'm', device, interleaved: false, result: { workload: 'bandwidth', status: 'ok', stats: { median_s: median }, work: work(bandwidth, spec, 'f32') } }) as unknown as Observation;

  it('takes the best copy/triad of the same device when the chip is unknown', () => {
    // copy 256 MiB: 2^29 B in 50 ms = 10.74 GB/s; triad 256 MiB: 3·2^28 B in 60 ms = 13.42 GB/s (the best)
    const m = measuredBandwidths([obs(CPU, { op: 'copy', mib: 256 }, 0.05), obs(CPU, { op: 'triad', mib: 256 }, 0.06), obs(H200, { op: 'copy', mib: 256 }, 1e-4)]);
    expect(bandwidthRoof(CPU, m)).toEqual({ value: (3 * 2 ** 28) / 0.06, kind: 'measured', label: 'measured: best bandwidth result on this device' });
    expect(bandwidthRoof(H200, m)?.kind).toBe('datasheet');
  });

  it('says so when there is none', () => {
    const p = roofPosition(CPU, 'f32', work(matmul, { m: 256, n: 256, k: 256 }, 'f32'), 1e-3, new Map([['cpu:AMD EPYC|2|f32', 1e11]]), NONE);
    expect(p?.bandwidth).toBeUndefined();
    expect(p?.missing).toBe('no bandwidth roof');
    expect(boundCell(p ?? { intensity: 0, flops: 0, bytesPerS: 0 }).text).toBe('— no bandwidth roof');
  });
});

describe('hostile values', () => {
  it('give no intensity or position, never a throw', () => {
    for (const bytes of [0, -1, NaN, Infinity, undefined]) expect(intensityOf({ flop: 1, bytes })).toBeUndefined();
    expect(intensityOf({ flop: -5, bytes: 10 })).toBeUndefined();
    expect(intensityOf({ flop: Number.MAX_VALUE, bytes: Number.MIN_VALUE })).toBeUndefined();
    expect(intensityOf(undefined)).toBeUndefined();
    for (const median of [0, -1, NaN, Infinity]) expect(roofPosition(H200, 'f16', { flop: 1, bytes: 1 }, median, NONE, NONE)).toBeUndefined();
    expect(roofPosition(H200, '__proto__', { flop: 1, bytes: 1 }, 1, NONE, NONE)?.compute).toBeUndefined();
    expect(roofPosition(H200, 'constructor', { flop: 1, bytes: 1 }, 1, NONE, NONE)?.missing).toBe('no compute roof');
    expect(boundCell({ intensity: 1, flops: 1, bytesPerS: 1, bound: 'memory', fraction: NaN }).text).toBe('memory —');
    expect(boundCell({ intensity: 1, flops: 1, bytesPerS: 1, bound: 'compute', fraction: 3 })).toMatchObject({ text: 'compute 300.0% effective' });
  });
});
