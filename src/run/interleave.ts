/**
 * The order in which the sides of one case run within a launch (docs/gating.md "Interleaved A/B": interleave at the
 * finest grain that keeps launches fresh). For launch index k, every side of a case — each
 * variant, each backend that runs the same spec — runs back to back, in an order that is
 *
 * - seeded: the same run settings give the same order (the seed is recorded in the result file);
 * - randomised: a Fisher–Yates shuffle at even k, so no side is always first;
 * - balanced: at odd k the order of k − 1 reversed (ABBA blocks), so over every two launches each
 *   side runs first and last equally often and a steady within-launch drift falls on all alike.
 */
import { seedFor } from '../stats/bootstrap.js';
import { createRng } from '../stats/rng.js';

/**
 * The interleaving recorded in a result file (`settings.interleave`).
 *
 * @public the shape of a result-file field, for readers of the programmatic API.
 */
export interface InterleaveRecord {
  /** `case`: each case's sides back to back per launch index (the only grain so far). */
  grain: 'case';
  seed: number;
}

/** Default seed of the order when the settings give none. */
export const DEFAULT_INTERLEAVE_SEED = 20261202;

/** A seeded shuffle of 0 … n − 1. */
function shuffled(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

/**
 * The order of `n` sides of the case named `group` at launch index `k` (see the module comment):
 * a permutation of 0 … n − 1.
 */
export function sideOrder(group: string, n: number, k: number, seed: number): number[] {
  const block = k - (k % 2);
  const text = [...group].map((ch) => ch.charCodeAt(0));
  const first = shuffled(n, seedFor([seed, block], text));
  return k % 2 === 0 ? first : first.reverse();
}
