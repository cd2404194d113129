/**
 * The H200 run of both timing models (results/h200-timing-{streamed,isolated}-2026-12-03.json,
 * issue 19; docs/timing.md "H200 cross-check"): a test on the recorded files, not a timing
 * assertion. Isolated per-iteration time holds a launch and a synchronisation per call, so it is
 * far above streamed for launch-bound cases and equal to it, within clock noise, for GEMMs of
 * milliseconds (where a GPU idling between isolated calls clocks at least as high as one under
 * continuous load: 8192³ f32 was 0.2–0.4% faster isolated on both backends).
 *
 * One pair cannot be ordered by two runs: a host-bound step, whose per-iteration time is
 * Python's work and moves by 15–22% between moments of one call (the reference's own passes in
 * docs/timing.md). The test names it by the data — the torch-cuda figure is more than 3× the native
 * cuda figure for the same GPU work, in both runs — and orders every other pair.
 */
import { describe, expect, test } from 'vitest';
import { readResultFile } from '../../../src/results/read.js';
import { timingOf } from '../../../src/types.js';
import type { CaseResult } from '../../../src/results/types.js';

const file = (name: string): string => new URL(`../../../results/${name}`, import.meta.url).pathname;

describe('results/h200-timing-*-2026-12-03.json', async () => {
  const streamed = await readResultFile(file('h200-timing-streamed-2026-12-03.json'));
  const isolated = await readResultFile(file('h200-timing-isolated-2026-12-03.json'));
  const median = (c: CaseResult | undefined): number => c?.stats?.median_s ?? Number.NaN;
  const find = (f: typeof streamed, backend: string, spec: string): CaseResult | undefined =>
    f.results.find((c) => c.backend === backend && c.spec === spec);
  /** The torch-cuda case takes over 3× what the native cuda runner takes for the same case, in both runs. */
  const hostBound = (s: CaseResult): boolean =>
    s.backend === 'torch-cuda' &&
    [streamed, isolated].every((f) => median(find(f, 'torch-cuda', s.spec)) > 3 * median(find(f, 'cuda', s.spec)));
  const pairs = streamed.results.map((s) => ({ s, i: find(isolated, s.backend, s.spec) }));

  test('an H200, cuda and torch-cuda, every case verified in the model it was asked for', () => {
    for (const f of [streamed, isolated]) {
      expect(f.env.gpus?.[0]?.name).toMatch(/H200/);
      expect(new Set(f.results.map((c) => c.backend))).toEqual(new Set(['cuda', 'torch-cuda']));
    }
    for (const { s, i } of pairs) {
      expect(i, s.key).toBeDefined();
      for (const [c, model] of [[s, 'streamed'], [i, 'isolated']] as const) {
        expect(c?.status, c?.key).toBe('ok');
        expect(c?.verify?.passed, c?.key).toBe(true);
        for (const l of c?.launches ?? []) expect(l.timing, c?.key).toBe(model);
        expect(c && timingOf(c)).toBe(model);
      }
    }
  });

  test('one pair is host-bound: the torch-cuda MLP step', () => {
    expect(pairs.filter(({ s }) => hostBound(s)).map(({ s }) => s.key)).toEqual([
      'torch-cuda/train layers=784,1024,1024,10 batch=128 dtype=f32',
    ]);
  });

  test('isolated ≥ streamed within 2%, and ≥ 1.2× streamed where a GPU iteration is below 50 µs', () => {
    expect(pairs.length).toBe(20);
    for (const { s, i } of pairs) {
      if (hostBound(s)) continue;
      const ratio = median(i) / median(s);
      expect(ratio, s.key).toBeGreaterThanOrEqual(0.98);
      if (median(s) < 50e-6) expect(ratio, s.key).toBeGreaterThanOrEqual(1.2);
    }
  });
});
