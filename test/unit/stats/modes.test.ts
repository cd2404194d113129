import { describe, expect, it } from 'vitest';
import { compareModes, findModes } from '../../../src/stats/modes.js';
import { createRng } from '../../../src/stats/rng.js';

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

describe('findModes', () => {
  it('finds the two kernel modes of an H200 f16 matmul and their shares', () => {
    const us = [7.5, 7.52, 7.49, 10.2, 10.25, 7.51, 10.18, 7.48, 10.21, 7.53].map((x) => x * 1e-6);
    const modes = findModes(us);
    expect(modes).toHaveLength(2);
    expect(modes[0]?.count).toBe(6);
    expect(modes[0]?.location).toBeCloseTo(7.505e-6, 9);
    expect(modes[1]?.share).toBeCloseTo(0.4, 10);
    expect(modes[1]?.range[0]).toBeCloseTo(10.18e-6, 12);
    expect(modes[1]?.range[1]).toBeCloseTo(10.25e-6, 12);
  });
  it('does not call one odd launch, or a ragged tail, a mode', () => {
    expect(findModes([1, 1.01, 0.99, 1.0, 1.02, 1.5])).toHaveLength(1);
    expect(findModes([1, 1.01, 0.99, 1.0, 1.02, 1.2, 1.35, 1.6, 1.9])).toHaveLength(1);
  });
  it('rarely splits unimodal log-normal launch medians (seeded: < 1% of 2000 sides of 10)', () => {
    const rng = createRng(3);
    let split = 0;
    for (let t = 0; t < 2000; t++) {
      const side = Array.from({ length: 10 }, () => Math.exp(0.02 * normal(rng)));
      if (findModes(side).length > 1) split++;
    }
    expect(split / 2000).toBeLessThan(0.01);
  });
});

describe('compareModes', () => {
  const m = (location: number, share: number) => ({ location, count: share * 10, share, range: [location, location] as [number, number] });
  it('calls a moved share with unchanged locations a share change', () => {
    const r = compareModes([m(7.5, 0.6), m(10.2, 0.4)], [m(7.5, 0.1), m(10.2, 0.9)], 1.05);
    expect(r.multimodal).toBe(true);
    expect(r.locationsUnchanged).toBe(true);
    expect(r.shareChange).toBeCloseTo(0.5, 10);
  });
  it('matches a single mode to the nearer mode of the other side', () => {
    const r = compareModes([m(7.5, 0.6), m(10.2, 0.4)], [m(10.25, 1)], 1.05);
    expect(r.matched).toHaveLength(1);
    expect(r.locationsUnchanged).toBe(true);
    expect(r.shareChange).toBeCloseTo(0.6, 10);
  });
  it('reports a mode location that moved beyond the limit', () => {
    const r = compareModes([m(7.5, 0.6), m(10.2, 0.4)], [m(8.3, 0.6), m(11.3, 0.4)], 1.05);
    expect(r.locationsUnchanged).toBe(false);
    expect(r.movedSlower).toBeCloseTo(11.3 / 10.2, 10); // the larger of the two moves
    expect(r.sameModes).toBe(true);
  });
  it('sees no clear slowdown in one mode between two (H200 cuda matmul 64³, 2026-12-02: 8.53 + 12.8 µs → 10.1 µs)', () => {
    const r = compareModes([m(8.53e-6, 0.625), m(12.8e-6, 0.375)], [m(10.1e-6, 1)], 1.05);
    expect(r.sameModes).toBe(false);
    expect(r.locationsUnchanged).toBe(false); // the nearest mode, 8.53 µs, is 18% away
    expect(r.movedSlower).toBeUndefined();
  });
  it('sees a clear slowdown when every current mode is slower than every baseline mode', () => {
    const r = compareModes([m(7.5, 0.6), m(10.2, 0.4)], [m(12.3, 1)], 1.05);
    expect(r.movedSlower).toBeCloseTo(12.3 / 10.2, 10);
  });
  it('counts a mode\'s own spread against its move (H200 torch-cuda sequential A/A, 2026-12-03)', () => {
    const base = findModes([10.01, 10.03, 10.15, 13.51, 15.01].map((x) => x * 1e-6));
    const cur = findModes([10.02, 10.44, 10.68, 15.92, 17.14].map((x) => x * 1e-6));
    const r = compareModes(base, cur, 1.155);
    expect(r.sameModes).toBe(true);
    expect(r.locationsUnchanged).toBe(false); // the slow mode's median moved +16%
    expect(r.movedSlower).toBeUndefined(); // 15.92 µs over 15.01 µs: +6%, within 1.155
    const shifted = findModes([10.01, 10.03, 10.15, 13.51, 15.01].map((x) => x * 1.3e-6));
    expect(compareModes(base, shifted, 1.155).movedSlower).toBeCloseTo((10.01 * 1.3) / 10.15, 10); // the larger pair: the fast mode, launch to launch
  });
  it('sees no clear slowdown when one mode moved slower and another faster', () => {
    const r = compareModes([m(7.5, 0.6), m(10.2, 0.4)], [m(6.5, 0.6), m(11.3, 0.4)], 1.05);
    expect(r.movedSlower).toBeUndefined();
  });
});
