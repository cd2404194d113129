import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/stats/rng.js';
import { pairedCis, pairedShiftCi, signedRankRanks, walshAverages } from '../../../src/stats/paired.js';

/** A standard normal deviate (Box–Muller). */
function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

describe('signedRankRanks', () => {
  it('matches the published critical values (Hollander–Wolfe table A.4)', () => {
    // n = 10: P(T+ <= 8) = 0.0244, so the 95% interval runs from the 9th Walsh average.
    expect(signedRankRanks(10).lower).toBe(9);
    expect(signedRankRanks(10).coverage).toBeCloseTo(1 - 2 * 25 / 1024, 6);
    expect(signedRankRanks(6).lower).toBe(1); // P(T+ = 0) = 1/64 ≤ 0.025
    expect(signedRankRanks(20).lower).toBe(53); // P(T+ <= 52) = 0.0242
  });
  it('reports the achieved coverage when 95% is out of reach', () => {
    expect(signedRankRanks(5)).toEqual({ lower: 1, coverage: 1 - 2 / 32 });
  });
  it('joins the normal approximation smoothly above the exact range', () => {
    const exact = signedRankRanks(60).lower;
    const approx = signedRankRanks(61).lower;
    expect(Math.abs(approx - exact - 61 / 2)).toBeLessThan(8);
  });
});

describe('pairedShiftCi', () => {
  it('is the Hodges–Lehmann centre of the Walsh averages', () => {
    expect(Array.from(walshAverages([0, 1, 3]))).toEqual([0, 0.5, 1, 1.5, 2, 3]);
    const base = [1, 1, 1, 1, 1, 1];
    const cur = base.map((_, k) => Math.exp(0.01 * k));
    const ci = pairedShiftCi(base, cur);
    expect(ci.ratio).toBeCloseTo(Math.exp(0.025), 10);
    expect(ci.lo).toBeCloseTo(1, 10);
    expect(ci.hi).toBeCloseTo(Math.exp(0.05), 10);
  });
  it('removes a drift shared by both launches of a pair', () => {
    const rng = createRng(7);
    const drift = Array.from({ length: 10 }, (_, k) => 1 + 0.5 * Math.sin(k)); // ±50% machine state
    const base = drift.map((s) => s * Math.exp(0.003 * normal(rng)));
    const cur = drift.map((s) => 1.1 * s * Math.exp(0.003 * normal(rng)));
    const ci = pairedShiftCi(base, cur);
    expect(ci.lo).toBeGreaterThan(1.09);
    expect(ci.hi).toBeLessThan(1.11);
  });
  it('covers the true shift at least at its stated level (seeded Monte Carlo)', () => {
    const rng = createRng(11);
    let miss = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const base = Array.from({ length: 10 }, () => Math.exp(0.02 * normal(rng)));
      const cur = Array.from({ length: 10 }, () => 1.05 * Math.exp(0.02 * normal(rng)));
      const ci = pairedShiftCi(base, cur);
      if (!(ci.lo <= 1.05 && 1.05 <= ci.hi)) miss++;
    }
    expect(miss / trials).toBeLessThan(0.065); // nominal 4.9%; 3σ of Monte Carlo error above it
  });
  it('refuses unequal, empty or non-positive sides', () => {
    expect(() => pairedShiftCi([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedShiftCi([], [])).toThrow(RangeError);
    expect(() => pairedShiftCi([1, 0], [1, 1])).toThrow(RangeError);
  });
});

describe('pairedCis', () => {
  it('is deterministic and scales with the current side', () => {
    const base = [1, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98, 1.01];
    const a = pairedCis(base, base.map((x) => 2 * x));
    const b = pairedCis(base, base.map((x) => 2 * x));
    expect(a).toEqual(b);
    expect(a.typical.ratio).toBeCloseTo(2, 10);
    expect(a.fast.ratio).toBeCloseTo(2, 10);
    expect(a.fast.lo).toBeCloseTo(2, 10);
    expect(a.pairs).toBe(8);
  });
});
