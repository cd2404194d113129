/**
 * A small seeded pseudo-random generator, so that resampling (the launch bootstrap of
 * `mpsbench compare`, docs/gating.md) gives the same verdict for the same input on every machine. Never Math.random.
 *
 * mulberry32 by Tommy Ettinger (public domain; see
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): a 32-bit state
 * advanced by the Weyl constant 0x6D2B79F5 and mixed by two xorshift-multiply rounds. Period
 * 2³², plenty for bootstraps of a few thousand resamples; not for cryptography.
 */

/** A source of uniform numbers in [0, 1), the shape simple-statistics' `randomSource` takes. */
export type Rng = () => number;

/**
 * Creates a mulberry32 generator from a seed (any number; only its low 32 bits are used).
 * The generator owns its state: two generators with the same seed yield the same sequence.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
