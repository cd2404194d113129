import { describe, expect, it } from 'vitest';
import { CHIPS, datasheetPeak, matchChip } from '../../../../src/fleet/chips/match.js';
import type { ChipSpec } from '../../../../src/fleet/chips/types.js';

function chip(id: string): ChipSpec {
  const c = CHIPS.find((x) => x.id === id);
  if (c === undefined) throw new Error(id);
  return c;
}

describe('matchChip', () => {
  it.each([
    ['NVIDIA H100 80GB HBM3', 'nvidia-h100-sxm'],
    ['NVIDIA H100 SXM5 80GB', 'nvidia-h100-sxm'],
    ['NVIDIA H100 PCIe', 'nvidia-h100-pcie'],
    ['NVIDIA H200', 'nvidia-h200'],
    ['NVIDIA H200 141GB HBM3e', 'nvidia-h200'],
    ['NVIDIA A100-SXM4-80GB', 'nvidia-a100-sxm-80gb'],
    ['NVIDIA A100-SXM4-40GB', 'nvidia-a100-sxm-40gb'],
    ['Apple M1', 'apple-m1'],
    ['Apple M2 Max', 'apple-m2-max'],
    ['apple m3 pro', 'apple-m3-pro'],
    ['Apple M4 Max (GPU)', 'apple-m4-max'],
    ['Apple M1 Ultra', 'apple-m1-ultra'],
  ])('%s → %s', (name, id) => {
    expect(matchChip(name)?.id).toBe(id);
  });

  it.each(['NVIDIA H100 NVL', 'NVIDIA H200 NVL', 'NVIDIA H100', 'NVIDIA A100 80GB PCIe', 'NVIDIA GeForce RTX 4090', 'Apple M5', 'M2 Max', 'AMD EPYC 7763 64-Core Processor', ''])(
    'refuses unknown or ambiguous %j',
    (name) => {
      expect(matchChip(name)).toBeUndefined();
    },
  );
});

describe('datasheetPeak', () => {
  it('picks the Apple configuration by GPU core count', () => {
    expect(datasheetPeak(chip('apple-m2-max'), 'f32', 38)?.range).toEqual({ low: 13.6e12, high: 13.6e12 });
    expect(datasheetPeak(chip('apple-m2-max'), 'f32', 30)?.range.low).toBeCloseTo(10.74e12, -6);
    expect(datasheetPeak(chip('apple-m2-max'), 'f16', 38)?.label).toBe('Apple M2 Max, 38-core GPU, FP16');
  });

  it('gives M3/M4 peaks as ranges, since their clocks are unpublished', () => {
    const p = datasheetPeak(chip('apple-m3-max'), 'f32', 40);
    expect(p?.range).toEqual({ low: 14.1e12, high: 16.4e12 });
    expect(p?.note).toMatch(/not publish/);
  });

  it('scales by cores for an unlisted count and spans all configurations for an unknown one', () => {
    expect(datasheetPeak(chip('apple-m2-max'), 'f32', 34)?.range.low).toBeCloseTo((10.74e12 * 34) / 30, -6);
    const unknown = datasheetPeak(chip('apple-m2-max'), 'f32');
    expect(unknown?.range).toEqual({ low: 10.74e12, high: 13.6e12 });
    expect(unknown?.label).toMatch(/core count unknown/);
  });

  it('uses dense tensor peaks per dtype on NVIDIA', () => {
    expect(datasheetPeak(chip('nvidia-h100-sxm'), 'f32')?.range.low).toBe(67e12);
    expect(datasheetPeak(chip('nvidia-h100-sxm'), 'tf32')?.range.low).toBe(494.5e12);
    expect(datasheetPeak(chip('nvidia-h100-pcie'), 'bf16')?.range.low).toBe(756.5e12);
    expect(datasheetPeak(chip('nvidia-a100-sxm-80gb'), 'f16')?.range.low).toBe(312e12);
    expect(datasheetPeak(chip('nvidia-h200'), 'tf32')?.label).toBe('NVIDIA H200 SXM, dense TF32 tensor');
  });

  it('has no peak where none is published', () => {
    expect(datasheetPeak(chip('apple-m2'), 'bf16', 10)).toBeUndefined();
    expect(datasheetPeak(chip('apple-m4'), 'tf32', 10)).toBeUndefined();
  });
});

describe('chip table', () => {
  it('cites a source for every row and keeps ranges ordered', () => {
    for (const c of CHIPS) {
      expect(c.sources.length, c.id).toBeGreaterThan(0);
      for (const src of c.sources) expect(src.title.length, c.id).toBeGreaterThan(20);
      for (const cfg of c.configs) {
        for (const r of Object.values(cfg.peaks)) expect(r.low, c.id).toBeLessThanOrEqual(r.high);
        expect(cfg.bandwidth, c.id).toBeGreaterThan(0);
      }
    }
  });

  it('covers Apple M1–M4 and the NVIDIA datacenter parts', () => {
    const ids = CHIPS.map((c) => c.id);
    for (const gen of [1, 2, 3, 4]) expect(ids).toContain(`apple-m${gen}-max`);
    expect(ids).toEqual(expect.arrayContaining(['nvidia-h100-sxm', 'nvidia-h100-pcie', 'nvidia-h200', 'nvidia-a100-sxm-80gb']));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
