import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/stats/index.js';
import { randomIndex, resample } from '../../reference/bootstrap.js';

describe('createRng (mulberry32)', () => {
  it('is deterministic per seed and pinned, so bootstrap verdicts stay reproducible', () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect(seqA).toMatchInlineSnapshot(`
      [
        0.6011037519201636,
        0.44829055899754167,
        0.8524657934904099,
      ]
    `);
  });

  it('differs between seeds', () => {
    expect(createRng(1)()).not.toBe(createRng(2)());
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const rng = createRng(123);
    const xs = Array.from({ length: 20000 }, () => rng());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2); // σ of the mean ≈ 0.289 / √20000 = 0.002
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]! += 1;
    for (const d of deciles) expect(Math.abs(d - 2000)).toBeLessThan(200);
  });
});

describe('randomIndex and resample', () => {
  it('draws indices in [0, n)', () => {
    const rng = createRng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randomIndex(rng, 4));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('rejects bounds below 1', () => {
    expect(() => randomIndex(createRng(1), 0)).toThrow(RangeError);
  });

  it('resamples with replacement, same length, same seed → same draw', () => {
    const xs = ['a', 'b', 'c', 'd', 'e'];
    const r1 = resample(xs, createRng(9));
    expect(r1).toHaveLength(5);
    for (const x of r1) expect(xs).toContain(x);
    expect(resample(xs, createRng(9))).toEqual(r1);
    expect(resample([], createRng(9))).toEqual([]);
  });
});
