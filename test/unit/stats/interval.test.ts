import { describe, expect, it } from 'vitest';
import { medianCi, medianCiRanks, sortSamples } from '../../../src/stats/index.js';

/** Naive reference: exact binomial ranks with BigInt binomial coefficients, for any n. */
function exactRanks(n: number): [number, number] {
  const total = 2n ** BigInt(n);
  let c = 1n; // C(n, 0)
  let cum = 0n;
  let l = 0;
  // largest l with 2 · P(B ≤ l − 1) ≤ 0.05  ⇔  40 · Σ_{k<l} C(n, k) ≤ total
  for (let k = 0; k < n; k++) {
    cum += c;
    if (40n * cum > total) break;
    l = k + 1;
    c = (c * BigInt(n - k)) / BigInt(k + 1);
  }
  l = Math.max(l, 1);
  return [l, n - l + 1];
}

describe('medianCiRanks', () => {
  it('matches hand-computed exact ranks', () => {
    // n = 6: 2 · P(B ≤ 0) = 2/64 = 0.031 ≤ 0.05; 2 · P(B ≤ 1) = 14/64 = 0.22 → l = 1
    expect(medianCiRanks(6)).toEqual([1, 6]);
    // n = 10: 2 · P(B ≤ 1) = 22/1024 = 0.021; 2 · P(B ≤ 2) = 112/1024 = 0.109 → l = 2
    expect(medianCiRanks(10)).toEqual([2, 9]);
    // n = 20: 2 · P(B ≤ 5) = 2 · 21700/2²⁰ = 0.041; 2 · P(B ≤ 6) = 2 · 60460/2²⁰ = 0.115 → l = 6
    expect(medianCiRanks(20)).toEqual([6, 15]);
    // n = 100: the tabled ranks 40 and 61
    expect(medianCiRanks(100)).toEqual([40, 61]);
  });

  it('returns the [min, max] ranks below n = 6, where no interval reaches 95%', () => {
    // n = 5: even [x(1), x(5)] covers 1 − 2/32 = 93.75%
    for (const n of [1, 2, 3, 4, 5]) expect(medianCiRanks(n)).toEqual([1, n]);
  });

  it('equals the exact BigInt reference for every n ≤ 100', () => {
    for (let n = 1; n <= 100; n++) expect(medianCiRanks(n), `n = ${n}`).toEqual(exactRanks(n));
  });

  it('stays within one rank of the exact reference above 100 (normal approximation)', () => {
    for (let n = 101; n <= 400; n += 7) {
      const [l] = medianCiRanks(n);
      const [lExact] = exactRanks(n);
      expect(Math.abs(l - lExact), `n = ${n}`).toBeLessThanOrEqual(1);
    }
    // n = 1000: floor(500.5 − 1.959964 · √1000 / 2) = floor(500.5 − 30.99) = 469
    expect(medianCiRanks(1000)).toEqual([469, 532]);
  });

  it('rejects n < 1 and fractional n', () => {
    expect(() => medianCiRanks(0)).toThrow(RangeError);
    expect(() => medianCiRanks(2.5)).toThrow(/at least one sample/);
  });
});

describe('medianCi', () => {
  it('picks the order statistics at those ranks', () => {
    // 1..10 shuffled; ranks [2, 9] → values 2 and 9
    expect(medianCi(sortSamples([7, 3, 10, 1, 5, 2, 8, 4, 9, 6]))).toEqual([2, 9]);
  });

  it('is [x, x] for one sample and for equal samples', () => {
    expect(medianCi(sortSamples([4]))).toEqual([4, 4]);
    expect(medianCi(sortSamples([0, 0, 0, 0, 0, 0, 0]))).toEqual([0, 0]);
  });
});
