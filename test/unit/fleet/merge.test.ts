import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../../src/fleet/merge.js';
import type { CaseTable, Comparison, MergedRow } from '../../../src/fleet/types.js';
import { MATMUL_2048_FLOP as F, fleet, resultFile } from './fleet.js';

const F32 = 'matmul m=2048 n=2048 k=2048 dtype=f32';

function table(cmp: Comparison, spec: string): CaseTable {
  const t = cmp.cases.find((c) => c.spec === spec);
  if (t === undefined) throw new Error(spec);
  return t;
}

function row(t: CaseTable, label: string, backend: string): MergedRow {
  const r = t.rows.find((x) => x.device.label.startsWith(label) && x.backend === backend);
  if (r === undefined) throw new Error(`${label} ${backend}`);
  return r;
}

describe('mergeResults', () => {
  const median = mergeResults(fleet(), 'median');
  const best = mergeResults(fleet(), 'best');

  it('merges the same chip and backend from two machines into one row', () => {
    const r = row(table(median, F32), 'Apple M2 Max (38-core GPU)', 'mps');
    expect(r.n).toBe(2);
    expect(r.machines).toEqual(['mbp-m2max', 'studio-m2max']);
    expect(r.median).toBeCloseTo(0.0024, 12);
    expect(row(table(best, F32), 'Apple M2 Max (38-core GPU)', 'mps').median).toBe(0.0016);
  });

  it('identifies CPUs by model and threads, GPUs by chip and cores', () => {
    const labels = table(median, F32).rows.map((r) => `${r.device.label} / ${r.backend}`);
    expect(labels).toEqual([
      'Apple M2 Max (12 threads) / cpu',
      'Apple M2 Max (12 threads) / torch-cpu',
      'Apple M2 Max (38-core GPU) / mps',
      'Apple M2 Max (38-core GPU) / torch-mps',
      'Apple M3 (12 threads) / cpu',
      'Apple M3 (10-core GPU) / mps',
      'Intel(R) Xeon(R) Platinum 8480+ (16 threads) / cpu',
      'NVIDIA H100 SXM / cuda',
      'AMD Ryzen 9 7950X (32 threads) / cpu',
      'NVIDIA GeForce RTX 4090 / cuda',
    ]);
  });

  it('takes speed-ups against the same machine only, then picks them', () => {
    const mps = row(table(median, F32), 'Apple M2 Max (38', 'mps');
    expect(mps.speedups.cpu).toBeCloseTo((0.012 / 0.0016 + 0.016 / 0.0032) / 2, 9);
    expect(mps.speedups['torch-cpu']).toBeCloseTo(0.024 / 0.0016, 9);
    expect(row(table(best, F32), 'Apple M2 Max (38', 'mps').speedups.cpu).toBeCloseTo(7.5, 9);
    expect(row(table(median, F32), 'NVIDIA GeForce', 'cuda').speedups.cpu).toBeCloseTo(20, 9);
    expect(row(table(median, F32), 'Apple M2 Max (12', 'cpu').speedups.cpu).toBeUndefined();
    expect(row(table(median, F32), 'Apple M2 Max (12', 'torch-cpu').speedups.cpu).toBeCloseTo(0.5, 9);
  });

  it('computes percent of peak from the chip table, as a range for M3', () => {
    const m2 = row(table(median, F32), 'Apple M2 Max (38', 'mps').share;
    expect(m2?.fraction.low).toBeCloseTo(F / 0.0024 / 13.6e12, 9);
    expect(m2?.peak.kind).toBe('datasheet');
    const m3 = row(table(median, F32), 'Apple M3 (10', 'mps').share?.fraction;
    expect(m3?.low).toBeCloseTo(F / 0.005 / 4.1e12, 9);
    expect(m3?.high).toBeCloseTo(F / 0.005 / 3.5e12, 9);
    expect(row(table(median, F32), 'NVIDIA H100', 'cuda').share?.fraction.low).toBeCloseTo(50 / 67, 9);
    const tf32 = table(median, 'matmul m=2048 n=2048 k=2048 dtype=tf32');
    expect(row(tf32, 'NVIDIA H100', 'cuda').share?.fraction.low).toBeCloseTo(400 / 494.5, 9);
  });

  it('shows no percent of peak for unknown GPUs or sample-counting workloads', () => {
    expect(row(table(median, F32), 'NVIDIA GeForce', 'cuda').share).toBeUndefined();
    const train = table(median, 'train model=mlp batch=64 dtype=f32');
    expect(train.rows[0]?.rate).toEqual({ value: 64 / 0.001, unit: 'samples' });
    expect(train.rows[0]?.share).toBeUndefined();
  });

  it('uses the best native cpu matmul of the same CPU as a measured ceiling', () => {
    const t = table(median, F32);
    const cpu = row(t, 'Apple M2 Max (12', 'cpu').share;
    expect(cpu?.peak.kind).toBe('measured');
    expect(cpu?.peak.range.low).toBeCloseTo(F / 0.012, 3);
    expect(cpu?.fraction.low).toBeCloseTo(F / 0.014 / (F / 0.012), 9);
    expect(row(t, 'Apple M2 Max (12', 'torch-cpu').share?.fraction.low).toBeCloseTo(0.5, 9);
  });

  it('keeps rows that never completed, with their status and no numbers', () => {
    const bf16 = table(median, 'matmul m=2048 n=2048 k=2048 dtype=bf16');
    expect(bf16.rows).toHaveLength(1);
    expect(bf16.rows[0]).toMatchObject({ status: 'unsupported', n: 0, notOk: 1, speedups: {} });
    expect(bf16.rows[0]?.median).toBeUndefined();
  });

  it('lists every peak used once, each with a source', () => {
    const labels = median.peaks.map((p) => p.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('NVIDIA H100 SXM, dense TF32 tensor');
    for (const p of median.peaks) expect(p.kind === 'measured' || p.sources.length > 0, p.label).toBe(true);
    expect(median.pick).toBe('median');
    expect(median.inputs.map((i) => i.machine)).toEqual(['mbp-m2max', 'studio-m2max', 'air-m3', 'h100-box', 'desk']);
  });

  it('uses an arithmetic peak for a CPU in the table, capped at its physical cores', () => {
    const share = row(table(median, F32), 'AMD Ryzen 9 7950X', 'cpu').share;
    expect(share?.peak.kind).toBe('arithmetic');
    expect(share?.peak.range.low).toBeCloseTo(16 * 32 * 5.7e9, 0);
    expect(share?.fraction.low).toBeCloseTo(F / 0.01 / (16 * 32 * 5.7e9), 9);
    expect(share?.effective).toBeUndefined();
  });

  it('flags an FFT convolution and any share above 100% as effective, never a plain share', () => {
    const conv = table(median, 'conv2d n=32 c=64 dtype=f32');
    const cuda = row(conv, 'NVIDIA H100', 'cuda').share;
    expect(cuda?.fraction.high).toBeGreaterThan(1);
    expect(cuda?.effective).toMatch(/^effective: FFT_TILING/);
    const cpu = row(conv, 'Intel', 'cpu').share;
    expect(cpu?.peak.kind).toBe('arithmetic');
    expect(cpu?.effective).toBeUndefined();
    for (const t of median.cases) for (const r of t.rows) if ((r.share?.fraction.high ?? 0) > 1) expect(r.share?.effective, t.spec).toBeDefined();
  });

  it('gives speed-ups an interval: launch bootstrap with enough launches, else within-launch', () => {
    const desk = row(table(median, F32), 'NVIDIA GeForce', 'cuda').speedupCis.cpu;
    expect(desk?.basis).toBe('launches');
    expect(desk?.lo).toBeLessThanOrEqual(20);
    expect(desk?.hi).toBeGreaterThanOrEqual(20);
    const h100 = row(table(median, F32), 'NVIDIA H100', 'cuda').speedupCis.cpu;
    expect(h100?.basis).toBe('within-launch');
    const v = row(table(median, F32), 'NVIDIA H100', 'cuda').speedups.cpu ?? NaN;
    expect(h100?.lo).toBeCloseTo((v * 0.99) / 1.01, 9);
    expect(h100?.hi).toBeCloseTo((v * 1.01) / 0.99, 9);
  });

  it('reports inputs by base name and one system row per machine', () => {
    expect(median.systems.map((s) => s.machine)).toEqual(['mbp-m2max', 'studio-m2max', 'air-m3', 'h100-box', 'desk']);
    expect(median.systems[3]?.cpu).toBe('Intel(R) Xeon(R) Platinum 8480+');
  });

  it('uses the paired interval of compare when both sides come from one interleaved run', () => {
    const cpu = [0.0101, 0.0099, 0.0102, 0.01, 0.0098, 0.0103];
    const gpu = cpu.map((t, k) => t / (10 + (k % 3) * 0.1));
    const file = resultFile('ab-box', 'AMD Ryzen 9 7950X', 32, [], [
      { backend: 'cpu', median: 0.01, launches: cpu },
      { backend: 'cuda', median: 0.001, launches: gpu },
    ]);
    const ci = (interleave: boolean): unknown => {
      const f = structuredClone(file);
      if (interleave) f.settings.interleave = { grain: 'case', seed: 1 };
      return row(table(mergeResults([{ name: 'ab.json', result: f }]), F32), 'cuda on', 'cuda').speedupCis.cpu;
    };
    expect(ci(true)).toMatchObject({ basis: 'paired' });
    const paired = ci(true) as { lo: number; hi: number };
    expect(paired.lo).toBeGreaterThanOrEqual(9.9);
    expect(paired.hi).toBeLessThanOrEqual(10.3);
    expect(ci(false)).toMatchObject({ basis: 'launches' });
  });
});
