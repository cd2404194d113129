/**
 * Modes of a case's launch medians: separate clusters that a per-process kernel lottery or a
 * clock state produces (an H200's `matmul 1024³ f16` lands each launch near 7.5 µs or near
 * 10.2 µs; issue 12). A gate that averages over them, or reads a quantile that sits in one mode
 * in one run and in the other in the next, mistakes a moved *share* for a moved *speed*.
 *
 * Detection, on log times (so gaps are relative): sort, and split at the largest gap between
 * neighbours when the split is clear, then try each part again (at most `MAX_MODES` modes):
 *
 *   - each part has at least `MIN_MODE_LAUNCHES` launches (two: one odd launch is an outlier,
 *     not a mode);
 *   - the gap is at least `MIN_GAP` (3%) in ratio, and at least `GAP_SPREADS` (4) times the
 *     pooled robust spread of the parts (1.4826 × MAD, pooled over the parts by their degrees of
 *     freedom, never below `MIN_SPREAD`, 0.25%), so a ragged tail of slowed launches (which is
 *     wide, not tight) is not called a mode;
 *   - each part's own range is smaller than the gap.
 *
 * Under unimodal log-normal launch noise this rarely fires: the largest of 9 neighbour gaps of 10
 * normal draws exceeds 4 pooled σ in well under 1% of samples (test/unit/stats/modes.test.ts
 * measures it on seeded draws). `compareModes` then says whether two sides' modes are the same
 * modes with different shares (share drift, "unstable") or whether a mode's location moved.
 */
import { median, sortSamples } from './quantile.js';

/** Fewest launches that make a mode. */
export const MIN_MODE_LAUNCHES = 2;
/** Most modes reported. */
export const MAX_MODES = 3;
/** Smallest gap between modes, as a log ratio (3%). */
export const MIN_GAP = Math.log(1.03);
/** The gap must be this many pooled spreads wide. */
export const GAP_SPREADS = 4;
/** Floor of the pooled spread, log units (0.25%): timer resolution and rounding. */
export const MIN_SPREAD = 0.0025;

/** One cluster of launch medians. */
export interface Mode {
  /** Median of the cluster's launch medians, seconds. */
  location: number;
  /** Launches in the cluster. */
  count: number;
  /** count / launches of the side. */
  share: number;
  /** Fastest and slowest launch median of the cluster, seconds. */
  range: [number, number];
}

/** Robust σ of a sorted part: 1.4826 × MAD. */
function robustSd(part: readonly number[]): number {
  const m = median(part);
  return 1.4826 * median(part.map((x) => Math.abs(x - m)));
}

/** Pooled robust spread of the parts, weighted by degrees of freedom, at least MIN_SPREAD. */
function pooledSpread(parts: readonly (readonly number[])[]): number {
  let num = 0;
  let den = 0;
  for (const p of parts) {
    if (p.length < 2) continue;
    num += (p.length - 1) * robustSd(p) ** 2;
    den += p.length - 1;
  }
  return Math.max(MIN_SPREAD, den > 0 ? Math.sqrt(num / den) : 0);
}

/** Index after which the clear split of an ascending log part lies, or -1 if none. */
function clearSplit(logs: readonly number[]): number {
  let best = -1;
  let gap = 0;
  for (let i = MIN_MODE_LAUNCHES - 1; i < logs.length - MIN_MODE_LAUNCHES; i++) {
    const g = (logs[i + 1] as number) - (logs[i] as number);
    if (g > gap) [best, gap] = [i, g];
  }
  if (best < 0 || gap < MIN_GAP) return -1;
  const left = logs.slice(0, best + 1);
  const right = logs.slice(best + 1);
  const range = (p: readonly number[]): number => (p[p.length - 1] as number) - (p[0] as number);
  if (gap < GAP_SPREADS * pooledSpread([left, right])) return -1;
  if (range(left) >= gap || range(right) >= gap) return -1;
  return best;
}

/** Splits an ascending log part recursively into clear clusters. */
function split(logs: readonly number[], budget: number): number[][] {
  if (budget <= 1) return [[...logs]];
  const at = clearSplit(logs);
  if (at < 0) return [[...logs]];
  const left = split(logs.slice(0, at + 1), budget - 1);
  const right = split(logs.slice(at + 1), budget - left.length);
  return [...left, ...right];
}

/**
 * The modes of a side's launch medians (seconds), fastest first; one mode when there is no clear
 * split (see the module comment). RangeError on an empty side or a non-positive time.
 */
export function findModes(launchMedians: readonly number[]): Mode[] {
  if (launchMedians.some((x) => !(x > 0))) throw new RangeError('modes need positive launch medians');
  const sorted = sortSamples(launchMedians);
  const parts = split(sorted.map(Math.log), MAX_MODES);
  return parts.map((p) => {
    const xs = p.map(Math.exp);
    return {
      location: median(xs),
      count: xs.length,
      share: xs.length / sorted.length,
      range: [xs[0] as number, xs[xs.length - 1] as number],
    };
  });
}

/** Subsets of 0 … n − 1 of size k, ascending (n ≤ MAX_MODES, so at most a handful). */
function subsets(n: number, k: number, from = 0): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = from; i <= n - k; i++) for (const rest of subsets(n, k - 1, i + 1)) out.push([i, ...rest]);
  return out;
}

/** The order-preserving one-to-one matching of two mode lists (fastest first) with least total log distance. */
function bestMatching(baseline: readonly Mode[], current: readonly Mode[]): [Mode, Mode][] {
  const swap = current.length < baseline.length;
  const [few, many] = swap ? [current, baseline] : [baseline, current];
  let best: [Mode, Mode][] = [];
  let cost = Infinity;
  for (const pick of subsets(many.length, few.length)) {
    const pairs = few.map((m, i): [Mode, Mode] => [m, many[pick[i] as number] as Mode]);
    const c = pairs.reduce((s, [a, b]) => s + Math.abs(Math.log(b.location / a.location)), 0);
    if (c < cost) [best, cost] = [pairs, c];
  }
  return swap ? best.map(([c, b]) => [b, c]) : best;
}

/** A baseline mode, its current counterpart, and current / baseline location. */
export interface MatchedModes {
  baseline: Mode;
  current: Mode;
  ratio: number;
}

/** How the modes of two sides relate (`compareModes`). */
export interface ModeComparison {
  /** Either side has more than one mode. */
  multimodal: boolean;
  /** Modes matched one to one, nearest locations first, with the location ratio current / baseline. */
  matched: MatchedModes[];
  /** Every matched pair's location lies within the band [1/limit, limit]. */
  locationsUnchanged: boolean;
  /** Both sides have the same number of modes, so every mode has its counterpart. */
  sameModes: boolean;
  /**
   * The least slowdown beyond `limit` that the modes' launches support, when the slowdown is
   * unambiguous: with the same number of modes, a matched pair's *ranges* lie apart by more than
   * `limit` (the current mode's fastest launch over the baseline mode's slowest) and no pair's
   * location moved faster beyond it; with different numbers, even the fastest launch of the
   * current modes is slower than the slowest launch of the baseline modes by more than `limit`.
   * Undefined otherwise: a single current mode between two baseline modes is as much "faster
   * than the slow mode" as "slower than the fast one", and a mode of a few launches whose
   * locations moved while its launches still overlap within `limit` has not shown a move (an
   * H200 torch-cuda A/A pair, 2026-12-03: 13.5 + 15.0 µs → 15.9 + 17.1 µs).
   */
  movedSlower?: number;
  /** Largest change of a mode's share, 0 … 1 (an unmatched mode's share moved to or from 0). */
  shareChange: number;
}

/** A matched pair's least slowdown: the current mode's fastest launch over the baseline mode's slowest. */
export function rangeRatio(pair: MatchedModes): number {
  return pair.current.range[0] / pair.baseline.range[1];
}

/** Largest range ratio beyond `limit` when no matched pair's location moved faster beyond it. */
function pairedSlowdown(pairs: readonly MatchedModes[], limit: number): number | undefined {
  if (pairs.some((x) => x.ratio < 1 / limit)) return undefined;
  const slower = pairs.map(rangeRatio).filter((r) => r > limit);
  return slower.length > 0 ? Math.max(...slower) : undefined;
}

/** fastest current launch / slowest baseline launch, when beyond `limit`. */
function clearSlowdown(baseline: readonly Mode[], current: readonly Mode[], limit: number): number | undefined {
  if (baseline.length === 0 || current.length === 0) return undefined;
  const ratio = Math.min(...current.map((m) => m.range[0])) / Math.max(...baseline.map((m) => m.range[1]));
  return ratio > limit ? ratio : undefined;
}

/**
 * Relates the modes of two sides: matches modes one to one in order of location (the fastest
 * matched mode of one side to the fastest matched mode of the other), choosing which modes of
 * the side with more modes take part by the smallest total log distance, and says whether every matched location stayed within `limit` (a ratio such as 1 + T)
 * and how far the shares moved. A mode present on one side only is unmatched: "every launch now
 * in the slow mode" is then a share change, not a slowdown, if the slow mode's location held.
 */
export function compareModes(baseline: readonly Mode[], current: readonly Mode[], limit: number): ModeComparison {
  const matched = bestMatching(baseline, current).map(([b, c]) => ({ baseline: b, current: c, ratio: c.location / b.location }));
  const usedB = new Set(matched.map((x) => x.baseline));
  const usedC = new Set(matched.map((x) => x.current));
  matched.sort((x, y) => x.baseline.location - y.baseline.location);
  const inside = (r: number): boolean => r <= limit && r >= 1 / limit;
  const unmatched = [...baseline.filter((m) => !usedB.has(m)), ...current.filter((m) => !usedC.has(m))];
  const shareChange = Math.max(0, ...matched.map((x) => Math.abs(x.current.share - x.baseline.share)), ...unmatched.map((m) => m.share));
  const sameModes = baseline.length === current.length;
  const movedSlower = sameModes ? pairedSlowdown(matched, limit) : clearSlowdown(baseline, current, limit);
  return {
    multimodal: baseline.length > 1 || current.length > 1,
    matched,
    locationsUnchanged: matched.every((x) => inside(x.ratio)),
    sameModes,
    ...(movedSlower !== undefined ? { movedSlower } : {}),
    shareChange,
  };
}
