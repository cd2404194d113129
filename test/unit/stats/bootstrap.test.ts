import { describe, expect, it } from 'vitest';
import { bootstrapRatioCi, bootstrapRatios, FAST_QUANTILE, gateCis, medianRatio, seedFor } from '../../../src/stats/bootstrap.js';
import { hodgesLehmannRatio, quantileRatio } from '../../reference/bootstrap.js';
import { createRng } from '../../../src/stats/rng.js';

const BASE = [10, 11, 9, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 10.4];

describe('medianRatio', () => {
  it('is the ratio of the two medians, current over baseline (θ > 1 = slower)', () => {
    expect(medianRatio([1, 2, 3], [2, 4, 6])).toBe(2);
    expect(medianRatio([1, 2, 3, 4], [5, 5, 5, 5])).toBe(2); // median 2.5 → 5 / 2.5
  });
});

describe('bootstrapRatioCi', () => {
  it('gives θ(x, x) = 1 with an interval around 1', () => {
    const ci = bootstrapRatioCi(BASE, BASE);
    expect(ci.ratio).toBe(1);
    expect(ci.lo).toBeLessThan(1);
    expect(ci.hi).toBeGreaterThan(1);
    expect(ci.lo).toBeGreaterThan(0.9);
    expect(ci.hi).toBeLessThan(1.1);
  });

  it('collapses to the point when every launch is equal (hand-checkable)', () => {
    const ci = bootstrapRatioCi([2, 2, 2, 2, 2], [3, 3, 3, 3, 3]);
    expect(ci).toMatchObject({ ratio: 1.5, lo: 1.5, hi: 1.5, level: 0.95, resamples: 10_000 });
  });

  it('with one launch per side is the single ratio (no spread to resample)', () => {
    expect(bootstrapRatioCi([4], [5])).toMatchObject({ ratio: 1.25, lo: 1.25, hi: 1.25 });
  });

  it('is scale invariant: scaling current by c scales θ and the CI by c', () => {
    const a = bootstrapRatioCi(BASE, BASE, { seed: 7 });
    const b = bootstrapRatioCi(BASE, BASE.map((x) => x * 2), { seed: 7 });
    expect(b.ratio).toBeCloseTo(2 * a.ratio, 12);
    expect(b.lo).toBeCloseTo(2 * a.lo, 12);
    expect(b.hi).toBeCloseTo(2 * a.hi, 12);
  });

  it('does not depend on the unit: scaling both sides leaves θ and the CI unchanged', () => {
    const a = bootstrapRatioCi(BASE, BASE.map((x) => x * 1.1), { seed: 3 });
    const b = bootstrapRatioCi(BASE.map((x) => x * 1e-3), BASE.map((x) => x * 1.1e-3), { seed: 3 });
    expect(b.lo).toBeCloseTo(a.lo, 12);
    expect(b.hi).toBeCloseTo(a.hi, 12);
  });

  it('narrows with more launches of the same spread', () => {
    const few = bootstrapRatioCi(BASE.slice(0, 5), BASE.slice(0, 5));
    const many = bootstrapRatioCi([...BASE, ...BASE, ...BASE, ...BASE], [...BASE, ...BASE, ...BASE, ...BASE]);
    expect(many.hi - many.lo).toBeLessThan(few.hi - few.lo);
  });

  it('contains θ and orders lo ≤ θ ≤ hi', () => {
    const ci = bootstrapRatioCi(BASE, BASE.map((x, i) => x * (1.05 + 0.01 * (i % 3))));
    expect(ci.lo).toBeLessThanOrEqual(ci.ratio);
    expect(ci.ratio).toBeLessThanOrEqual(ci.hi);
  });

  it('is reproducible: the seed comes from the data, so the same input gives the same CI', () => {
    const cur = BASE.map((x) => x * 1.03);
    expect(bootstrapRatioCi(BASE, cur)).toEqual(bootstrapRatioCi([...BASE], [...cur]));
    expect(bootstrapRatioCi(BASE, cur).seed).toBe(seedFor(BASE, cur));
    expect(seedFor(BASE, cur)).not.toBe(seedFor(cur, BASE));
  });

  it('refuses empty sides and non-positive times', () => {
    expect(() => bootstrapRatioCi([], [1])).toThrow(RangeError);
    expect(() => bootstrapRatioCi([1, 0], [1])).toThrow(/positive/);
    expect(() => bootstrapRatioCi([1], [NaN])).toThrow(/current/);
  });
});

describe('bootstrapRatios', () => {
  it('returns B sorted resampled ratios, each a ratio of resample medians', () => {
    const rs = bootstrapRatios([1, 2], [2, 4], 200, createRng(1));
    expect(rs).toHaveLength(200);
    for (let i = 1; i < rs.length; i++) expect(rs[i] ?? 0).toBeGreaterThanOrEqual(rs[i - 1] ?? 0);
    // resample medians of {1,2} are 1, 1.5 or 2; of {2,4}: 2, 3 or 4
    const possible = new Set([2 / 1, 2 / 1.5, 2 / 2, 3 / 1, 3 / 1.5, 3 / 2, 4 / 1, 4 / 1.5, 4 / 2]);
    for (const r of rs) expect(possible.has(r)).toBe(true);
  });
});

describe('hodgesLehmannRatio', () => {
  it('is exp(median of all pairwise log differences) (hand-checkable)', () => {
    // ln differences of {2,4} − ln{1,2}: ln 2, 0, ln 4, ln 2 → median ln 2
    expect(hodgesLehmannRatio([1, 2], [2, 4])).toBeCloseTo(2, 12);
    // {1} vs {1, 2, 8}: ratios 1, 2, 8 → median 2
    expect(hodgesLehmannRatio([1], [1, 2, 8])).toBeCloseTo(2, 12);
    // {1, 4} vs {2}: ratios 2, 0.5 → median of logs 0 → 1
    expect(hodgesLehmannRatio([1, 4], [2])).toBeCloseTo(1, 12);
  });

  it('gives θ(x, x) = 1 and scales with the current side', () => {
    expect(hodgesLehmannRatio(BASE, BASE)).toBeCloseTo(1, 12);
    expect(hodgesLehmannRatio(BASE, BASE.map((x) => x * 1.3))).toBeCloseTo(1.3, 12);
    expect(hodgesLehmannRatio(BASE.map((x) => x * 1e-3), BASE.map((x) => x * 1.3e-3))).toBeCloseTo(1.3, 12);
  });

  it('ignores a minority of slow launches that the ratio of medians does not', () => {
    const base = [1, 1, 1, 1, 1, 1.08, 1.08, 1.08, 1.08, 1.08]; // median 1.04
    const cur = [1, 1, 1, 1, 1, 1, 1, 1.08, 1.08, 1.08]; // median 1
    expect(medianRatio(base, cur)).toBeCloseTo(1 / 1.04, 12);
    expect(hodgesLehmannRatio(base, cur)).toBe(1); // 65 of 100 pairwise ratios are 1
  });
});

describe('quantileRatio', () => {
  it('is the ratio of type 7 lower quartiles', () => {
    expect(FAST_QUANTILE).toBe(0.25);
    // {1,2,3,4,5}: h = 1 → 2; {2,4,6,8,10}: 4
    expect(quantileRatio([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])).toBe(2);
    // {1,2,3,4}: h = 0.75 → 1.75; {7,7,7,7}: 7 → 4
    expect(quantileRatio([4, 3, 2, 1], [7, 7, 7, 7])).toBe(4);
    expect(quantileRatio([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 0.5)).toBe(1);
  });

  it('refuses empty sides and non-positive times', () => {
    expect(() => quantileRatio([], [1])).toThrow(RangeError);
    expect(() => hodgesLehmannRatio([1], [-1])).toThrow(/current/);
  });
});

describe('gateCis', () => {
  it('gives both statistics 1 with intervals around 1 for identical sides', () => {
    const { typical, fast } = gateCis(BASE, BASE);
    for (const ci of [typical, fast]) {
      expect(ci.ratio).toBeCloseTo(1, 12);
      expect(ci.lo).toBeLessThanOrEqual(1);
      expect(ci.hi).toBeGreaterThanOrEqual(1);
      expect(ci.lo).toBeGreaterThan(0.9);
      expect(ci.hi).toBeLessThan(1.1);
    }
  });

  it('collapses to the point when every launch is equal (hand-checkable)', () => {
    const { typical, fast } = gateCis([2, 2, 2, 2, 2], [3, 3, 3, 3, 3]);
    expect(typical.ratio).toBeCloseTo(1.5, 12);
    expect(typical.lo).toBeCloseTo(1.5, 12);
    expect(typical.hi).toBeCloseTo(1.5, 12);
    expect(fast).toMatchObject({ ratio: 1.5, lo: 1.5, hi: 1.5, level: 0.95, resamples: 10_000 });
  });

  it('has the point estimates of hodgesLehmannRatio and quantileRatio', () => {
    const cur = BASE.map((x, i) => x * (1.05 + 0.01 * (i % 3)));
    const { typical, fast } = gateCis(BASE, cur);
    expect(typical.ratio).toBeCloseTo(hodgesLehmannRatio(BASE, cur), 12);
    expect(fast.ratio).toBe(quantileRatio(BASE, cur));
    for (const ci of [typical, fast]) {
      expect(ci.lo).toBeLessThanOrEqual(ci.ratio);
      expect(ci.ratio).toBeLessThanOrEqual(ci.hi);
    }
  });

  it('is scale invariant: scaling current by c scales both statistics and CIs by c', () => {
    const a = gateCis(BASE, BASE, { seed: 7 });
    const b = gateCis(BASE, BASE.map((x) => x * 2), { seed: 7 });
    for (const k of ['typical', 'fast'] as const) {
      expect(b[k].ratio).toBeCloseTo(2 * a[k].ratio, 12);
      expect(b[k].lo).toBeCloseTo(2 * a[k].lo, 12);
      expect(b[k].hi).toBeCloseTo(2 * a[k].hi, 12);
    }
  });

  it('does not depend on the unit', () => {
    const a = gateCis(BASE, BASE.map((x) => x * 1.1), { seed: 3 });
    const b = gateCis(BASE.map((x) => x * 1e-3), BASE.map((x) => x * 1.1e-3), { seed: 3 });
    for (const k of ['typical', 'fast'] as const) {
      expect(b[k].lo).toBeCloseTo(a[k].lo, 12);
      expect(b[k].hi).toBeCloseTo(a[k].hi, 12);
    }
  });

  it('matches a naive bootstrap of the same resamples (weighted median of pairs = median of the multiset)', () => {
    // With one launch per side there is nothing to resample: the interval is the point.
    expect(gateCis([4], [5]).typical.lo).toBeCloseTo(1.25, 12);
    // Two launches per side: every resample's HL is one of the medians of 4 pairwise log ratios.
    const { typical } = gateCis([1, 2], [2, 4], { resamples: 500, seed: 1 });
    expect(typical.lo).toBeGreaterThanOrEqual(0.5 - 1e-12);
    expect(typical.hi).toBeLessThanOrEqual(4 + 1e-12);
  });

  it('equals a naive bootstrap that builds every resample and sorts its pairwise log ratios', () => {
    const base = [1, 1.2, 0.9, 1.05, 1.3, 0.95, 1.1];
    const cur = [1.1, 1.25, 1.0, 1.4, 1.15, 0.98];
    const B = 400;
    const rng = createRng(11);
    const sb = [...base].sort((a, b) => a - b);
    const sc = [...cur].sort((a, b) => a - b);
    const draw = (xs: number[]): number[] => {
      const counts = xs.map(() => 0);
      for (let i = 0; i < xs.length; i++) counts[Math.floor(rng() * xs.length)]! += 1;
      return xs.flatMap((x, j) => Array<number>(counts[j]!).fill(x));
    };
    const q7 = (xs: number[], p: number): number => {
      const s2 = [...xs].sort((a, b) => a - b);
      const h = (s2.length - 1) * p;
      const lo = Math.floor(h);
      return s2[lo]! + (h - lo) * (s2[Math.min(lo + 1, s2.length - 1)]! - s2[lo]!);
    };
    const hl: number[] = [];
    const fast: number[] = [];
    for (let r = 0; r < B; r++) {
      const c = draw(sc);
      const b = draw(sb);
      hl.push(Math.exp(q7(c.flatMap((x) => b.map((y) => Math.log(x) - Math.log(y))), 0.5)));
      fast.push(q7(c, 0.25) / q7(b, 0.25));
    }
    const got = gateCis(base, cur, { resamples: B, seed: 11 });
    expect(got.typical.lo).toBeCloseTo(q7(hl, 0.025), 12);
    expect(got.typical.hi).toBeCloseTo(q7(hl, 0.975), 12);
    expect(got.fast.lo).toBeCloseTo(q7(fast, 0.025), 12);
    expect(got.fast.hi).toBeCloseTo(q7(fast, 0.975), 12);
  });

  it('is reproducible from the data and refuses bad input', () => {
    const cur = BASE.map((x) => x * 1.03);
    expect(gateCis(BASE, cur)).toEqual(gateCis([...BASE], [...cur]));
    expect(gateCis(BASE, cur).typical.seed).toBe(seedFor(BASE, cur));
    expect(() => gateCis([], [1])).toThrow(RangeError);
    expect(() => gateCis([1, 0], [1])).toThrow(/positive/);
  });

  it('confirms a 10% slowdown of every launch through 3-of-10 slow-kernel launches', () => {
    const base = [1, 1.01, 0.99, 1.005, 0.995, 1.002, 1.08, 1.09, 1.07, 0.998];
    const cur = [1, 1.01, 0.99, 1.005, 1.08, 1.09, 1.07, 1.085, 1.075, 1.002].map((x) => x * 1.1);
    const { typical, fast } = gateCis(base, cur);
    expect(fast.lo).toBeGreaterThan(1.05);
    expect(typical.ratio).toBeGreaterThan(1.05);
  });
});
