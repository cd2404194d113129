import { describe, expect, it } from 'vitest';
import { madSorted, median, medianSorted, quantileSorted, sortSamples } from '../../../src/stats/index.js';

describe('sortSamples', () => {
  it('returns a sorted copy and leaves the input alone', () => {
    const xs = [3, 1, 2];
    expect([...sortSamples(xs)]).toEqual([1, 2, 3]);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('sorts numerically, not lexically', () => {
    expect([...sortSamples([10, 9, 100, 1])]).toEqual([1, 9, 10, 100]);
  });

  it('rejects an empty sample with a clear RangeError', () => {
    expect(() => sortSamples([])).toThrow(RangeError);
    expect(() => sortSamples([])).toThrow(/at least one sample/);
  });

  it('rejects NaN and infinities', () => {
    expect(() => sortSamples([1, Number.NaN])).toThrow(/sample 1 is not a finite number \(NaN\)/);
    expect(() => sortSamples([Infinity])).toThrow(RangeError);
  });
});

describe('quantileSorted (Hyndman–Fan type 7)', () => {
  const s = sortSamples([4, 1, 3, 2]);

  it('interpolates linearly between order statistics', () => {
    // h = (4 − 1) · 0.25 = 0.75 → 1 + 0.75 · (2 − 1) = 1.75 (numpy.percentile gives 1.75)
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    // h = 1.5 → 2 + 0.5 · (3 − 2) = 2.5
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    // h = 2.25 → 3 + 0.25 · (4 − 3) = 3.25
    expect(quantileSorted(s, 0.75)).toBe(3.25);
  });

  it('gives min and max at p = 0 and p = 1', () => {
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
  });

  it('handles a single sample', () => {
    const one = sortSamples([7]);
    expect([0, 0.05, 0.5, 0.95, 1].map((p) => quantileSorted(one, p))).toEqual([7, 7, 7, 7, 7]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => quantileSorted(s, -0.1)).toThrow(RangeError);
    expect(() => quantileSorted(s, 1.5)).toThrow(/within \[0, 1\]/);
    expect(() => quantileSorted(s, Number.NaN)).toThrow(RangeError);
  });
});

describe('median and MAD', () => {
  it('takes the middle element for odd n and the mean of the middle two for even n', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(medianSorted(sortSamples([0, 0]))).toBe(0);
  });

  it('computes the raw (unscaled) MAD', () => {
    // median(1, 1, 2, 2, 4, 6, 9) = 2; |x − 2| = 1, 1, 0, 0, 2, 4, 7 → sorted 0, 0, 1, 1, 2, 4, 7 → 1
    expect(madSorted(sortSamples([1, 1, 2, 2, 4, 6, 9]))).toBe(1);
    // all equal → 0
    expect(madSorted(sortSamples([3, 3, 3]))).toBe(0);
  });
});
