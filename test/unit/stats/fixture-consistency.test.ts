import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultFile } from '../../../src/results/types.js';
import { median, summarize } from '../../../src/stats/index.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/results/small.json', import.meta.url), 'utf8'),
) as ResultFile;

describe('test/fixtures/results/small.json', () => {
  for (const c of fixture.results.filter((x) => x.stats !== undefined)) {
    it(`holds the statistics of its own samples: ${c.key}`, () => {
      const perIter = c.launches.map((l) => (l.samples_ns ?? []).map((ns) => ns / 1e9 / (l.iters_per_sample ?? 1)));
      const s = summarize(perIter.flat());
      const st = c.stats;
      expect(st).toBeDefined();
      if (st === undefined) return;
      expect(st.n).toBe(s.n);
      expect(st.median_s).toBeCloseTo(s.median, 15);
      expect(st.mean_s).toBeCloseTo(s.mean, 15);
      expect(st.stddev_s).toBeCloseTo(s.stddev, 15);
      expect(st.mad_s).toBeCloseTo(s.mad, 15);
      expect([st.p5_s, st.p95_s]).toEqual([expect.closeTo(s.p5, 15), expect.closeTo(s.p95, 15)]);
      expect(st.ci_median_s).toEqual(s.ciMedian);
      expect(st.outliers).toBe(s.outliers);
      expect(st.launch_medians_s.map((m, i) => m - median(perIter[i] ?? []))).toEqual([0, 0]);
    });
  }
});
