/**
 * The VM run of both timing models (results/vm-timing-models-2026-12-02.json, issue 19): a test on
 * the recorded file, not a timing assertion. Every case ran in both models on cpu and torch-cpu,
 * verified; the runner echoed the model it was asked for; isolated samples are one iteration each,
 * streamed ones are calibrated batches; keys name the model only off the workload's default.
 * Isolated ≥ streamed per iteration is asserted over the file (geometric mean of the 10 pairs),
 * not per case: per case it failed on 4 of 10 pairs in each of two recordings on this VM, different
 * pairs each time (docs/timing.md "The two timing models").
 */
import { describe, expect, test } from 'vitest';
import { readResultFile } from '../../../src/results/read.js';
import { timedSpec } from '../../../src/suite/key.js';
import { timingOf } from '../../../src/types.js';

const FILE = new URL('../../../results/vm-timing-models-2026-12-02.json', import.meta.url).pathname;

describe('results/vm-timing-models-2026-12-02.json', async () => {
  const file = await readResultFile(FILE);

  test('records the machine, and every case of cpu and torch-cpu in both models', () => {
    expect(file.env.machine).toBe('vm');
    expect(file.env.host.cpu.logical).toBe(2);
    const seen = new Map<string, Set<string>>();
    for (const c of file.results) {
      const k = `${c.backend}/${c.spec}`;
      seen.set(k, (seen.get(k) ?? new Set()).add(timingOf(c)));
    }
    expect(new Set(file.results.map((c) => c.backend))).toEqual(new Set(['cpu', 'torch-cpu']));
    expect(new Set(file.results.map((c) => c.workload))).toEqual(new Set(['matmul', 'conv2d', 'train', 'infer']));
    for (const [k, models] of seen) expect([...models].sort(), k).toEqual(['isolated', 'streamed']);
  });

  test('each case verified, echoed its model in every launch, and sampled as that model does', () => {
    for (const c of file.results) {
      expect(c.status, c.key).toBe('ok');
      expect(c.verify?.passed, c.key).toBe(true);
      expect(c.launches.length, c.key).toBe(3);
      for (const l of c.launches) {
        expect(l.timing, c.key).toBe(timingOf(c));
        if (c.timing === 'isolated') expect(l.iters_per_sample, c.key).toBe(1);
        else expect(l.iters_per_sample ?? 0, c.key).toBeGreaterThan(1);
      }
    }
  });

  test('isolated ≥ streamed per iteration over the file: geometric mean of isolated / streamed ≥ 1', () => {
    const median = new Map(file.results.map((c) => [`${c.backend}/${c.spec} ${timingOf(c)}`, c.stats?.median_s ?? Number.NaN]));
    const logs = file.results.filter((c) => timingOf(c) === 'isolated').map((c) => {
      const streamed = median.get(`${c.backend}/${c.spec} streamed`) ?? Number.NaN;
      return Math.log((c.stats?.median_s ?? Number.NaN) / streamed);
    });
    expect(logs).toHaveLength(10);
    expect(Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length)).toBeGreaterThanOrEqual(1);
  });

  test('keys carry timing= only off the workload default (infer: isolated)', () => {
    for (const c of file.results) expect(c.key).toBe(`${c.backend}/${timedSpec(c)}`);
    expect(file.results.filter((c) => c.key.includes(' timing=')).map((c) => `${c.workload} ${c.timing ?? ''}`).sort()).toEqual([
      'conv2d isolated', 'conv2d isolated', 'infer streamed', 'infer streamed', 'matmul isolated', 'matmul isolated',
      'matmul isolated', 'matmul isolated', 'train isolated', 'train isolated',
    ]);
  });
});
