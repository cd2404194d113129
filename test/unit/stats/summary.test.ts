import { describe, expect, it } from 'vitest';
import { createRng, summarize, type Summary } from '../../../src/stats/index.js';

/** Naive reference: textbook formulas, written independently of src/stats. */
function naiveSummary(xs: number[]): Omit<Summary, 'ciMedian' | 'outliers'> {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  // R's type 7 in its 1-based form: j = 1 + (n − 1) p, interpolate x(floor j) .. x(ceil j)
  const q = (p: number): number => {
    const j = 1 + (n - 1) * p;
    const a = s[Math.floor(j) - 1] ?? NaN;
    const b = s[Math.ceil(j) - 1] ?? NaN;
    return a + (j - Math.floor(j)) * (b - a);
  };
  const med = n % 2 === 1 ? (s[(n - 1) / 2] ?? NaN) : ((s[n / 2 - 1] ?? NaN) + (s[n / 2] ?? NaN)) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const ss = s.reduce((a, x) => a + (x - mean) ** 2, 0);
  const dev = s.map((x) => Math.abs(x - med)).sort((a, b) => a - b);
  const mad = n % 2 === 1 ? (dev[(n - 1) / 2] ?? NaN) : ((dev[n / 2 - 1] ?? NaN) + (dev[n / 2] ?? NaN)) / 2;
  return {
    n,
    median: med,
    mean,
    stddev: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    mad,
    min: s[0] ?? NaN,
    max: s[n - 1] ?? NaN,
    p5: q(0.05),
    p95: q(0.95),
    p99: q(0.99),
  };
}

/** Relative closeness for values of any magnitude. */
function expectRel(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}

describe('summarize: hand-computed values', () => {
  it('summarises 2 4 4 4 5 5 7 9', () => {
    const s = summarize([9, 4, 2, 5, 4, 7, 4, 5]);
    expect(s.n).toBe(8);
    expect(s.median).toBe(4.5); // (4 + 5) / 2
    expect(s.mean).toBe(5); // 40 / 8
    // Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; √(32 / 7) = 2.1380899352993952
    expect(s.stddev).toBeCloseTo(2.1380899352993952, 14);
    expect(s.mad).toBe(0.5); // |x − 4.5| sorted: 0.5 ×5, 2.5, 2.5, 4.5 → (0.5 + 0.5) / 2
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(s.p5).toBeCloseTo(2.7, 14); // h = 7 · 0.05 = 0.35 → 2 + 0.35 · (4 − 2)
    expect(s.p95).toBeCloseTo(8.3, 14); // h = 6.65 → 7 + 0.65 · (9 − 7)
    expect(s.ciMedian).toEqual([2, 9]); // n = 8 → ranks [1, 8]
    expect(s.outliers).toBe(1); // 9: z = 0.6745 · 4.5 / 0.5 = 6.07
  });
});

describe('summarize: degenerate inputs', () => {
  it('throws a RangeError with a clear message on an empty sample', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([])).toThrow('statistics need at least one sample, got an empty array');
  });

  it('handles one sample: stddev 0, everything else the sample', () => {
    expect(summarize([3e-3])).toEqual({
      n: 1, median: 3e-3, mean: 3e-3, stddev: 0, mad: 0, min: 3e-3, max: 3e-3,
      p5: 3e-3, p95: 3e-3, p99: 3e-3, ciMedian: [3e-3, 3e-3], outliers: 0,
    });
  });

  it('handles all-equal samples without NaN and without outliers', () => {
    const s = summarize([0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
    expect(s).toMatchObject({ median: 0.25, mean: 0.25, stddev: 0, mad: 0, outliers: 0 });
    expect(s.ciMedian).toEqual([0.25, 0.25]);
  });

  it('handles zeros', () => {
    const s = summarize([0, 0, 0]);
    expect(s).toMatchObject({ median: 0, mean: 0, stddev: 0, mad: 0, min: 0, max: 0, p5: 0, p95: 0, p99: 0, outliers: 0 });
  });

  it('counts the lone outlier when MAD is 0', () => {
    const s = summarize([1, 1, 1, 1, 1, 1, 1, 1, 1, 10]);
    expect(s.mad).toBe(0);
    expect(s.median).toBe(1);
    expect(s.outliers).toBe(1);
    expect(s.mean).toBeCloseTo(1.9, 14); // 19 / 10: the outlier is flagged, not dropped
  });

  it('rejects NaN', () => {
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('summarize vs a naive reference on seeded random data', () => {
  const rng = createRng(20240611);
  for (const n of [1, 2, 3, 5, 6, 10, 31, 100, 101, 1000]) {
    it(`agrees for n = ${n}`, () => {
      // log-normal-ish times around 1 ms, plus the odd spike
      const xs = Array.from({ length: n }, () => 1e-3 * Math.exp(0.3 * (rng() - 0.5)) * (rng() < 0.05 ? 5 : 1));
      const got = summarize(xs);
      const want = naiveSummary(xs);
      expect(got.n).toBe(want.n);
      for (const k of ['median', 'mean', 'stddev', 'mad', 'min', 'max', 'p5', 'p95'] as const) {
        expectRel(got[k], want[k], 1e-12);
      }
      expect(got.ciMedian[0]).toBeLessThanOrEqual(got.median);
      expect(got.ciMedian[1]).toBeGreaterThanOrEqual(got.median);
      expect(xs).toContain(got.ciMedian[0]);
      expect(xs).toContain(got.ciMedian[1]);
    });
  }
});

describe('summarize: invariants', () => {
  const rng = createRng(7);
  const xs = Array.from({ length: 57 }, () => 0.5 + rng());
  const base = summarize(xs);
  const scaled = ['median', 'mean', 'stddev', 'mad', 'min', 'max', 'p5', 'p95'] as const;

  for (const c of [2.5, 1e-9, 1e6]) {
    it(`scaling by ${c} scales every location and scale statistic by ${c}`, () => {
      const s = summarize(xs.map((x) => x * c));
      for (const k of scaled) expectRel(s[k], base[k] * c, 1e-12);
      expectRel(s.ciMedian[0], base.ciMedian[0] * c, 1e-12);
      expectRel(s.ciMedian[1], base.ciMedian[1] * c, 1e-12);
      expect(s.n).toBe(base.n);
      expect(s.outliers).toBe(base.outliers);
    });
  }

  it('shifting by a constant shifts location statistics and leaves scale statistics alone', () => {
    const s = summarize(xs.map((x) => x + 10));
    for (const k of ['median', 'mean', 'min', 'max', 'p5', 'p95'] as const) expectRel(s[k], base[k] + 10, 1e-12);
    expectRel(s.stddev, base.stddev, 1e-9);
    expectRel(s.mad, base.mad, 1e-9);
  });

  it('does not depend on input order', () => {
    expect(summarize([...xs].reverse())).toEqual(base);
  });
});
