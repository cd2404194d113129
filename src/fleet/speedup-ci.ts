/**
 * The interval of a merged row's speed-up over a CPU baseline of the same machine. Pure: it reads
 * the statistics the result files hold. From one interleaved run, the paired signed-rank interval
 * of `compare` (launch k of both sides ran back to back). Else, with enough launches a side, the
 * launch bootstrap of `src/stats` (the statistic `compare` uses); with one launch a side, the
 * conservative ratio of the two medians' within-launch intervals, labelled as such, because it
 * leaves out process-to-process variance.
 */
import { bootstrapRatioCi } from '../stats/bootstrap.js';
import { pairedShiftCi } from '../stats/paired.js';
import type { Observation, SpeedupCi } from './types.js';

/** Launch medians a side needs before the launch bootstrap is used. */
export const MIN_LAUNCHES = 3;

/** Pairs a paired interval needs (the fewest that give a 95% signed-rank interval). */
export const MIN_PAIRS = 6;

/** Positive, finite launch medians of a completed observation. */
function launchMedians(o: Observation): number[] {
  const xs = o.result.status === 'ok' ? (o.result.stats?.launch_medians_s ?? []) : [];
  return xs.filter((x) => typeof x === 'number' && x > 0 && Number.isFinite(x));
}

/** The within-launch 95% interval of an observation's median, if the file holds a valid one. */
function medianCi(o: Observation): [number, number] | undefined {
  const ci = o.result.stats?.ci_median_s;
  if (ci === undefined || !Array.isArray(ci)) return undefined;
  const [lo, hi] = ci;
  return typeof lo === 'number' && typeof hi === 'number' && lo > 0 && hi >= lo && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/** One (row observation, baseline observations of its machine) pair. */
export interface SpeedupPair {
  head: Observation;
  bases: readonly Observation[];
}

/**
 * Paired interval: one observation a side, from the same interleaved file, with as many launches
 * each and at least `MIN_PAIRS` of them. pairedShiftCi(b, c) is the shift of c over b: with the
 * head as b and the baseline as c it is baseline time over head time, the speed-up.
 */
function pairedInterval(pairs: readonly SpeedupPair[], value: number): SpeedupCi | undefined {
  const [p, ...rest] = pairs;
  const base = p?.bases[0];
  if (p === undefined || base === undefined || rest.length > 0 || p.bases.length !== 1) return undefined;
  if (!p.head.interleaved || base.file !== p.head.file) return undefined;
  const head = launchMedians(p.head);
  const baseline = launchMedians(base);
  if (head.length < MIN_PAIRS || head.length !== baseline.length) return undefined;
  const ci = pairedShiftCi(head, baseline);
  return { value, lo: ci.lo, hi: ci.hi, basis: 'paired' };
}

/** Launch-bootstrap interval over every pair's launches, if both sides have enough. */
function launchInterval(pairs: readonly SpeedupPair[], value: number): SpeedupCi | undefined {
  const head = pairs.flatMap((p) => launchMedians(p.head));
  const base = pairs.flatMap((p) => p.bases.flatMap(launchMedians));
  if (head.length < MIN_LAUNCHES || base.length < MIN_LAUNCHES) return undefined;
  // bootstrapRatioCi(b, c) is median(c) / median(b): baseline time over head time is the speed-up.
  const ci = bootstrapRatioCi(head, base);
  return { value, lo: ci.lo, hi: ci.hi, basis: 'launches' };
}

/** Within-launch envelope: lo = min over pairs of base.lo / head.hi, hi = max of base.hi / head.lo. */
function withinLaunchInterval(pairs: readonly SpeedupPair[], value: number): SpeedupCi | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pairs) {
    const h = medianCi(p.head);
    for (const b of p.bases) {
      const bc = medianCi(b);
      if (h === undefined || bc === undefined) return undefined;
      lo = Math.min(lo, bc[0] / h[1]);
      hi = Math.max(hi, bc[1] / h[0]);
    }
  }
  return Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi ? { value, lo, hi, basis: 'within-launch' } : undefined;
}

/** The interval of a speed-up `value` measured over `pairs`, or undefined when the files lack it. */
export function speedupInterval(pairs: readonly SpeedupPair[], value: number): SpeedupCi | undefined {
  if (pairs.length === 0 || !Number.isFinite(value)) return undefined;
  return pairedInterval(pairs, value) ?? launchInterval(pairs, value) ?? withinLaunchInterval(pairs, value);
}
