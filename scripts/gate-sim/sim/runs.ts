/**
 * What real runs showed and the first simulation left out (issue 12): the machine's state moves
 * between runs and within a run. Each scenario draws, per *run*, a log-normal shift and a share of
 * launches on a slower kernel mode, and per *launch slot* (time order within a run) a drift or a
 * burst of other load. Two ways of measuring the same A/B question are then simulated side by side:
 *
 * - sequential: run 1 measures the baseline's K launches, run 2 the current's K launches, each
 *   with its own shift, share and load;
 * - interleaved: one run of 2K slots; launch k of both sides takes slots 2k and 2k + 1 in a
 *   seeded order, ABBA-balanced (random for even k, reversed for odd k), as `run --variant` does.
 *
 * Every launch is m iterations around trueTime × kernel × exp(run shift + slot drift + launch
 * noise) × slot load, with per-iteration log-normal noise; δ multiplies the current side's time.
 */
import type { Rng } from '../../../src/stats/rng.js';
import { median } from '../../../src/stats/quantile.js';
import { normal } from './noise.js';

/** One scenario of between-run and within-run noise. */
export interface RunScenario {
  name: string;
  description: string;
  /** σ of the per-run log shift. */
  runShift: number;
  /** Slower kernel mode: its time factor and how a run draws its share of launches. */
  kernel?: { factor: number; share: (rng: Rng) => number };
  /** σ of the per-slot log random walk within a run (drift), 0 for none. */
  driftStep: number;
  /** Other load: chance a quiet slot turns busy, chance a busy one turns quiet, slowdown range. */
  load?: { enter: number; leave: number; slow: [number, number] };
  launchSigma: number;
  iterSigma: number;
}

/** The scenarios of `gate-sim --runs`. */
export const RUN_SCENARIOS: readonly RunScenario[] = [
  {
    name: 'run-shift',
    description: 'per-run shift σ 3%; launch σ 1%, iteration σ 2%',
    runShift: 0.03, driftStep: 0, launchSigma: 0.01, iterSigma: 0.02,
  },
  {
    name: 'share-drift',
    description: 'launches pick a +36% kernel (H200 f16 matmul: 7.5 vs 10.2 µs) with a per-run share U(0.1, 0.9); per-run shift σ 1%; launch σ 0.5%',
    runShift: 0.01, kernel: { factor: 1.36, share: (rng) => 0.1 + 0.8 * rng() }, driftStep: 0, launchSigma: 0.005, iterSigma: 0.02,
  },
  {
    name: 'shared-vm',
    description: 'bursts of other load (quiet→busy 15%, busy→quiet 30% per slot) slow a launch U(+10%, +80%); per-run shift σ 2%; drift σ 0.5%/slot',
    runShift: 0.02, driftStep: 0.005, load: { enter: 0.15, leave: 0.3, slow: [0.1, 0.8] }, launchSigma: 0.01, iterSigma: 0.02,
  },
  {
    name: 'drift',
    description: 'the machine drifts within a run: log random walk σ 1% per slot; per-run shift σ 2%',
    runShift: 0.02, driftStep: 0.01, launchSigma: 0.005, iterSigma: 0.02,
  },
];

/** A run's machine state per slot: a multiplicative factor, and the run's kernel share. */
interface RunState {
  slot: number[];
  share: number;
}

function runState(s: RunScenario, rng: Rng, slots: number): RunState {
  const shift = s.runShift * normal(rng);
  const share = s.kernel?.share(rng) ?? 0;
  const slot: number[] = [];
  let walk = 0;
  let busy = false;
  for (let i = 0; i < slots; i++) {
    walk += s.driftStep * normal(rng);
    if (s.load) busy = busy ? rng() >= s.load.leave : rng() < s.load.enter;
    const load = busy && s.load ? 1 + s.load.slow[0] + (s.load.slow[1] - s.load.slow[0]) * rng() : 1;
    slot.push(Math.exp(shift + walk) * load);
  }
  return { slot, share };
}

/** The median of one launch of m iterations at `centre`. */
function launchMedian(s: RunScenario, rng: Rng, centre: number, share: number, m: number): number {
  const kernel = s.kernel && rng() < share ? s.kernel.factor : 1;
  const c = centre * kernel * Math.exp(s.launchSigma * normal(rng));
  return median(Array.from({ length: m }, () => c * Math.exp(s.iterSigma * normal(rng))));
}

/** Launch medians per side, sequential and interleaved (index-aligned pairs). */
export interface RunDraw {
  sequential: { baseline: number[]; current: number[] };
  interleaved: { baseline: number[]; current: number[] };
}

/** One A/B comparison both ways, K launches per side of m iterations, current slower by δ. */
export function drawRuns(s: RunScenario, rng: Rng, k: number, m: number, delta: number): RunDraw {
  const t = 1e-3;
  const r1 = runState(s, rng, k);
  const r2 = runState(s, rng, k);
  const sequential = {
    baseline: r1.slot.map((f) => launchMedian(s, rng, t * f, r1.share, m)),
    current: r2.slot.map((f) => launchMedian(s, rng, t * (1 + delta) * f, r2.share, m)),
  };
  const r = runState(s, rng, 2 * k);
  const baseline: number[] = [];
  const current: number[] = [];
  let baseFirst = true;
  for (let i = 0; i < k; i++) {
    baseFirst = i % 2 === 0 ? rng() < 0.5 : !baseFirst;
    const [sb, sc] = baseFirst ? [2 * i, 2 * i + 1] : [2 * i + 1, 2 * i];
    baseline.push(launchMedian(s, rng, t * (r.slot[sb] ?? 1), r.share, m));
    current.push(launchMedian(s, rng, t * (1 + delta) * (r.slot[sc] ?? 1), r.share, m));
  }
  return { sequential, interleaved: { baseline, current } };
}
