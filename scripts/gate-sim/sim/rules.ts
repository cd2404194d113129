/**
 * The decision rules the simulation compares, each answering "is current a regression?":
 *
 * - `gate`: mpsbench's rule (src/compare/gate.ts `decideGate`): launch-bootstrap CIs of the
 *   Hodges–Lehmann shift ratio and of the lower-quartile ratio of launch medians, regression iff
 *   either CI_lo > 1 + T (docs/gating.md; the earlier median-ratio rule is candidate `median`).
 * - `ratio`: a bare ratio of medians over all pooled iterations, regression iff > 1 + T (rule A
 *   of docs/gating.md; what github-action-benchmark does with one value).
 * - `ratio1`: the same on the first launch only (one process per side, the usual CI set-up).
 * - `mwu`: a two-sided Mann–Whitney U test on pooled iterations, regression iff p < 0.05 and the
 *   current median is larger (google/benchmark compare.py).
 */
import { decideGate } from '../../../src/compare/gate.js';
import { gateCis } from '../../../src/stats/bootstrap.js';
import { CANDIDATES, candidateDecisions } from './candidates.js';
import { normalCdf } from './normal.js';
import { median } from '../../../src/stats/quantile.js';

/** A rule's decision on one simulated comparison. */
export type Rule = (base: number[][], cur: number[][], threshold: number) => boolean;


/**
 * Two-sided Mann–Whitney U p-value by the normal approximation with continuity correction
 * (Mann & Whitney 1947; ties get average ranks, no tie correction: the data are continuous).
 */
export function mannWhitneyP(a: readonly number[], b: readonly number[]): number {
  const all = [...a.map((v) => ({ v, s: 0 })), ...b.map((v) => ({ v, s: 1 }))].sort((x, y) => x.v - y.v);
  let rankA = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.v === all[i]?.v) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k]?.s === 0) rankA += avg;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const u = rankA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  const z = (Math.abs(u - mean) - 0.5) / sd;
  return Math.min(1, 2 * (1 - normalCdf(Math.max(0, z))));
}

const launchMedians = (side: number[][]): number[] => side.map((l) => median(l));

/** The single-decision rules by column name, in table order. */
export const RULES: Record<string, Rule> = {
  gate: (b, c, t) => {
    const { typical, fast } = gateCis(launchMedians(b), launchMedians(c));
    return decideGate(typical, fast, t) === 'regression';
  },
  ratio: (b, c, t) => median(c.flat()) / median(b.flat()) > 1 + t,
  ratio1: (b, c, t) => median(c[0] ?? []) / median(b[0] ?? []) > 1 + t,
  mwu: (b, c) => {
    const pb = b.flat();
    const pc = c.flat();
    return mannWhitneyP(pb, pc) < 0.05 && median(pc) > median(pb);
  },
};

/** The table's columns: the rules, then (with `--candidates`) scripts/gate-sim/sim/candidates.ts's. */
export function columns(candidates: boolean): string[] {
  return [...Object.keys(RULES), ...(candidates ? CANDIDATES : [])];
}

/** The decisions of every column on one simulated comparison. */
export function decisions(base: number[][], cur: number[][], threshold: number, candidates: boolean): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [name, rule] of Object.entries(RULES)) out[name] = rule(base, cur, threshold);
  return candidates ? { ...out, ...candidateDecisions(launchMedians(base), launchMedians(cur), threshold) } : out;
}

/** Wilson score interval for k successes in n trials at 95% (Wilson 1927). */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
