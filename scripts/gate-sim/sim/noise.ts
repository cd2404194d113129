/**
 * Seeded generators of synthetic benchmark data for the gate simulation (docs/gating.md): one
 * side of a comparison is K launches × m per-iteration times, made from a true time, an injected
 * slowdown δ and a noise shape. Every shape is multiplicative and log-normal at heart, so noise
 * scales with the time, as real timings do.
 */
import { createRng, type Rng } from '../../../src/stats/rng.js';

/** A standard normal deviate by Box–Muller (one of the pair; simple over fast). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A noise shape: how one launch's iterations are drawn, given the side's true time. */
export interface NoiseShape {
  name: string;
  description: string;
  /** Added after the rule was chosen, to check it: not in the default run. */
  heldOut?: boolean;
  launch(rng: Rng, trueTime: number, m: number): number[];
}

/** m iterations around `center` with per-iteration log-normal σ, times an optional ramp. */
function iterations(rng: Rng, center: number, m: number, sigma: number, ramp = 0): number[] {
  return Array.from({ length: m }, (_, i) => center * (1 + (ramp * i) / Math.max(1, m - 1)) * Math.exp(sigma * normal(rng)));
}

/** The shapes of the simulation; parameters as in docs/gating.md. */
export const SHAPES: readonly NoiseShape[] = [
  {
    name: 'lognormal',
    description: 'iteration σ 3%, launch shift σ 1%',
    launch: (rng, t, m) => iterations(rng, t * Math.exp(0.01 * normal(rng)), m, 0.03),
  },
  {
    name: 'bimodal',
    description: 'each launch picks a +8% kernel with p = 0.3; iteration σ 2%, launch σ 0.5%',
    launch: (rng, t, m) => {
      const kernel = rng() < 0.3 ? 1.08 : 1;
      return iterations(rng, t * kernel * Math.exp(0.005 * normal(rng)), m, 0.02);
    },
  },
  {
    name: 'drift',
    description: 'each launch heats up: linear ramp U(0, 8%) over its iterations; launch σ 1%, iteration σ 1%',
    launch: (rng, t, m) => iterations(rng, t * Math.exp(0.01 * normal(rng)), m, 0.01, 0.08 * rng()),
  },
  {
    name: 'bad-launches',
    description: '10% of launches run 20% slow (a noisy neighbour); launch σ 1%, iteration σ 2%',
    launch: (rng, t, m) => {
      const bad = rng() < 0.1 ? 1.2 : 1;
      return iterations(rng, t * bad * Math.exp(0.01 * normal(rng)), m, 0.02);
    },
  },
  // Held out: added after the rule was chosen, to check that it was not fitted to the shapes above.
  {
    name: 'bimodal-40',
    heldOut: true,
    description: '(held out) each launch picks a +6% kernel with p = 0.4; iteration σ 2%, launch σ 0.5%',
    launch: (rng, t, m) => {
      const kernel = rng() < 0.4 ? 1.06 : 1;
      return iterations(rng, t * kernel * Math.exp(0.005 * normal(rng)), m, 0.02);
    },
  },
  {
    name: 'kernel-2x',
    heldOut: true,
    description: '(held out) each launch picks a 2× slower kernel with p = 0.4 (cf. pytorch#182815); iteration σ 2%, launch σ 0.5%',
    launch: (rng, t, m) => {
      const kernel = rng() < 0.4 ? 2 : 1;
      return iterations(rng, t * kernel * Math.exp(0.005 * normal(rng)), m, 0.02);
    },
  },
];

/** One side: K launches of m iterations at true time `trueTime`. */
export function side(shape: NoiseShape, rng: Rng, trueTime: number, k: number, m: number): number[][] {
  return Array.from({ length: k }, () => shape.launch(rng, trueTime, m));
}

/** A generator seeded per (shape, δ, trial), so any cell can be re-run alone. */
export function trialRng(seed: number, shapeIndex: number, deltaIndex: number, trial: number): Rng {
  return createRng(seed ^ Math.imul(shapeIndex + 1, 0x9e3779b1) ^ Math.imul(deltaIndex + 1, 0x85ebca6b) ^ Math.imul(trial + 1, 0xc2b2ae35));
}
