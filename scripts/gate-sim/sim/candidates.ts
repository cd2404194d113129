/**
 * Candidate estimators for the gate, evaluated side by side in the simulation (docs/gating.md
 * "Candidates"). One comparison draws B launch resamples once (counts over each side's sorted log
 * launch medians, as src/stats/bootstrap.ts does) and computes every statistic from the same
 * resamples, so the columns differ by estimator and interval only. All statistics are shifts of
 * log launch medians (current − baseline; > 0 is slower), compared with ln(1 + T):
 *
 * - `median`: median shift, percentile interval (the previous gate's statistic, at B = 2000);
 * - `median-bca`: the same with a BCa interval (Efron 1987; two-sample jackknife acceleration,
 *   Davison & Hinkley 1997 §3.2, eq. 3.7 with per-sample influence values);
 * - `hl`, `hl-bca`: Hodges–Lehmann shift (median of all pairwise differences), percentile / BCa;
 * - `trim20`: 20% trimmed mean of each side, percentile;
 * - `p25`: lower quartile (type 7), percentile;
 * - `welch`: mean of log launch medians with Welch's t interval, SE² = s²_b/K_b + s²_c/K_c: the
 *   variance of a launch median already contains the within-launch sampling variance of that
 *   median, so this is the "launch medians plus within-launch variance" model; weighting launches
 *   by 1/(τ² + v_i) (random effects) reduces to it when the between-launch τ² dominates, as here.
 */
import type { Rng } from '../../../src/stats/rng.js';
import { createRng } from '../../../src/stats/rng.js';
import { seedFor } from '../../../src/stats/bootstrap.js';
import { normalCdf } from './normal.js';

export const CANDIDATES = ['median', 'median-bca', 'hl', 'hl-bca', 'trim20', 'p25', 'welch'] as const;
export type Candidate = (typeof CANDIDATES)[number];

/** Resamples per comparison for the candidates (the gate column uses the CLI's 10 000). */
export const CANDIDATE_RESAMPLES = 2000;

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number): number => k.reduce((acc, v) => acc * x + v, 0);
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.02425) { const q = Math.sqrt(-2 * Math.log(p)); return poly(c, q) / (poly(d, q) * q + 1); }
  if (p > 1 - 0.02425) { const q = Math.sqrt(-2 * Math.log(1 - p)); return -poly(c, q) / (poly(d, q) * q + 1); }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Student t quantile by the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5). */
function tQuantile(p: number, nu: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3; const z5 = z ** 5; const z7 = z ** 7;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}

const sortNum = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
function q7(s: ArrayLike<number>, p: number): number {
  const h = (s.length - 1) * p; const lo = Math.floor(h);
  const x0 = s[lo] ?? NaN; const x1 = s[Math.min(lo + 1, s.length - 1)] ?? NaN;
  return x0 + (h - lo) * (x1 - x0);
}
function trimmed(s: ArrayLike<number>, frac: number): number {
  const g = Math.floor(frac * s.length); let sum = 0;
  for (let i = g; i < s.length - g; i++) sum += s[i] ?? 0;
  return sum / (s.length - 2 * g);
}
function hlOf(b: readonly number[], c: readonly number[]): number {
  const d: number[] = [];
  for (const x of c) for (const y of b) d.push(x - y);
  return q7(sortNum(d), 0.5);
}
const STAT: Record<'median' | 'hl' | 'trim20' | 'p25', (b: number[], c: number[]) => number> = {
  median: (b, c) => q7(c, 0.5) - q7(b, 0.5),
  hl: hlOf,
  trim20: (b, c) => trimmed(c, 0.2) - trimmed(b, 0.2),
  p25: (b, c) => q7(c, 0.25) - q7(b, 0.25),
};

function expand(sorted: readonly number[], counts: Uint32Array, out: Float64Array): void {
  let k = 0;
  for (let j = 0; j < sorted.length; j++) for (let n = counts[j] ?? 0; n > 0; n--) out[k++] = sorted[j] ?? NaN;
}
function draw(counts: Uint32Array, rng: Rng): void {
  counts.fill(0);
  for (let i = 0; i < counts.length; i++) { const j = Math.floor(rng() * counts.length); counts[j] = (counts[j] ?? 0) + 1; }
}

/** BCa lower bound at one-sided level α from sorted replicates, the estimate and jackknife values. */
function bcaLower(sorted: Float64Array, est: number, jack: number[][], alpha: number): number {
  let below = 0; let ties = 0;
  for (const v of sorted) { if (v < est) below++; else if (v === est) ties++; }
  const prop = Math.min(1 - 1 / sorted.length, Math.max(1 / sorted.length, (below + ties / 2) / sorted.length));
  const z0 = normalQuantile(prop);
  let num = 0; let den = 0;
  for (const j of jack) {
    const m = j.reduce((s, v) => s + v, 0) / j.length;
    for (const v of j) { const u = (j.length - 1) * (m - v); num += u ** 3; den += u ** 2; }
  }
  const a = den > 0 ? num / (6 * den ** 1.5) : 0;
  const za = normalQuantile(alpha);
  const level = normalCdf(z0 + (z0 + za) / (1 - a * (z0 + za)));
  return q7(sorted, Math.min(1, Math.max(0, level)));
}

/** Each candidate's "regression" decision on one comparison (launch medians per side). */
export function candidateDecisions(baseline: readonly number[], current: readonly number[], threshold: number): Record<Candidate, boolean> {
  const lb = sortNum(baseline.map(Math.log));
  const lc = sortNum(current.map(Math.log));
  const nb = lb.length; const nc = lc.length; const B = CANDIDATE_RESAMPLES;
  const rng = createRng(seedFor(baseline, current));
  const pairs: { d: number; i: number; j: number }[] = [];
  for (let i = 0; i < nc; i++) for (let j = 0; j < nb; j++) pairs.push({ d: (lc[i] ?? 0) - (lb[j] ?? 0), i, j });
  pairs.sort((x, y) => x.d - y.d);
  const cb = new Uint32Array(nb); const cc = new Uint32Array(nc);
  const rb = new Float64Array(nb); const rc = new Float64Array(nc);
  const reps = { median: new Float64Array(B), hl: new Float64Array(B), trim20: new Float64Array(B), p25: new Float64Array(B) };
  const half = nb * nc;
  for (let r = 0; r < B; r++) {
    draw(cc, rng); draw(cb, rng); expand(lc, cc, rc); expand(lb, cb, rb);
    reps.median[r] = q7(rc, 0.5) - q7(rb, 0.5);
    reps.trim20[r] = trimmed(rc, 0.2) - trimmed(rb, 0.2);
    reps.p25[r] = q7(rc, 0.25) - q7(rb, 0.25);
    let cum = 0; let lo = NaN;
    for (const p of pairs) {
      cum += (cc[p.i] ?? 0) * (cb[p.j] ?? 0);
      if (Number.isNaN(lo) && cum > (half - 1) >> 1) lo = p.d;
      if (cum > half >> 1) { reps.hl[r] = (lo + p.d) / 2; break; }
    }
  }
  for (const v of Object.values(reps)) v.sort();
  const cut = Math.log1p(threshold);
  const pct = (name: keyof typeof reps): boolean => q7(reps[name], 0.025) > cut;
  const jackknife = (f: (b: number[], c: number[]) => number): number[][] => [
    lb.map((_, k) => f(lb.filter((_v, i) => i !== k), lc)),
    lc.map((_, k) => f(lb, lc.filter((_v, i) => i !== k))),
  ];
  const bca = (name: 'median' | 'hl'): boolean => bcaLower(reps[name], STAT[name](lb, lc), jackknife(STAT[name]), 0.025) > cut;
  const mean = (xs: number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
  const v = (xs: number[]): number => { const m = mean(xs); return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1); };
  const vb = v(lb) / nb; const vc = v(lc) / nc;
  const nu = (vb + vc) ** 2 / (vb ** 2 / (nb - 1) + vc ** 2 / (nc - 1));
  const welchLo = mean(lc) - mean(lb) - tQuantile(0.975, Number.isFinite(nu) ? nu : nb + nc - 2) * Math.sqrt(vb + vc);
  return {
    median: pct('median'), 'median-bca': bca('median'), hl: pct('hl'), 'hl-bca': bca('hl'),
    trim20: pct('trim20'), p25: pct('p25'), welch: welchLo > cut,
  };
}
