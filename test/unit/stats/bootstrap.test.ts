import { describe, expect, it } from 'vitest';
import { bootstrapRatioCi, bootstrapRatios, medianRatio, seedFor } from '../../../src/stats/bootstrap.js';
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
