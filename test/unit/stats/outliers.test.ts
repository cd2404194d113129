import { describe, expect, it } from 'vitest';
import { modifiedZScores, outlierIndices } from '../../../src/stats/index.js';

describe('modifiedZScores (Iglewicz & Hoaglin)', () => {
  it('scores against the median with 0.6745 / MAD', () => {
    // median(2, 4, 4, 4, 5, 5, 7, 9) = 4.5, MAD = 0.5 (deviations 2.5 0.5 0.5 0.5 0.5 0.5 2.5 4.5)
    // z = 0.6745 (x − 4.5) / 0.5 = 1.349 (x − 4.5)
    const z = modifiedZScores([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(z[0]).toBeCloseTo(-3.3725, 12); // 1.349 · −2.5
    expect(z[1]).toBeCloseTo(-0.6745, 12); // 1.349 · −0.5
    expect(z[6]).toBeCloseTo(3.3725, 12); //  1.349 · 2.5
    expect(z[7]).toBeCloseTo(6.0705, 12); //  1.349 · 4.5
  });

  it('flags |z| > 3.5 and returns indices in input order, never dropping samples', () => {
    const xs = [9, 2, 4, 4, 4, 5, 5, 7];
    expect(outlierIndices(xs)).toEqual([0]); // 9 → 6.07; 2 and 7 → ∓3.37 stay
    expect(xs).toHaveLength(8);
  });

  it('accepts another threshold', () => {
    expect(outlierIndices([2, 4, 4, 4, 5, 5, 7, 9], 3)).toEqual([0, 6, 7]);
  });

  it('falls back to 1.253314 · MeanAD when MAD is 0 (cf. hyperfine test_detect_outliers_if_mad_becomes_0)', () => {
    // median 1, MAD 0 (nine deviations of 0); MeanAD = (9 · 0 + 9) / 10 = 0.9
    // z(10) = 9 / (1.253314 · 0.9) = 9 / 1.1279826 = 7.97885…
    const xs = [1, 1, 1, 1, 1, 1, 1, 1, 1, 10];
    const z = modifiedZScores(xs);
    expect(z[9]).toBeCloseTo(9 / 1.1279826, 6);
    expect(z.slice(0, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(outlierIndices(xs)).toEqual([9]);
  });

  it('under the fallback, a lone deviant among few samples may stay below the cut-off', () => {
    // [1, 1, 1, 5]: MAD 0, MeanAD = 4 / 4 = 1, z(5) = 4 / 1.253314 = 3.19 < 3.5
    expect(outlierIndices([1, 1, 1, 5])).toEqual([]);
    expect(modifiedZScores([1, 1, 1, 5])[3]).toBeCloseTo(3.1915, 4);
  });

  it('flags nothing when every sample is equal (MAD = MeanAD = 0)', () => {
    expect(modifiedZScores([2, 2, 2, 2])).toEqual([0, 0, 0, 0]);
    expect(outlierIndices([0, 0, 0])).toEqual([]);
    expect(outlierIndices([5])).toEqual([]);
  });

  it('rejects an empty sample', () => {
    expect(() => outlierIndices([])).toThrow(RangeError);
  });
});
