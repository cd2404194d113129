/**
 * The gate: a verdict per joined case (docs/gating.md "The rule"). Two statistics
 * of the launch medians, per-iteration time, so a ratio > 1 means slower: `typical` (a
 * Hodges–Lehmann shift ratio) and `fast` (the ratio of the lower quartiles), each with a 95% CI.
 * How they are computed and combined depends on how the two sides were measured, the *mode*:
 *
 * - `interleaved`: one run whose launches of the two sides alternated per case, back to back, in
 *   a seeded random order (`run --variant`, or two backends of one run). Launch k of each side
 *   form a pair; `typical` is the one-sample Hodges–Lehmann ratio of the pairs with its
 *   signed-rank CI, `fast` a pair-resampling bootstrap (stats/paired.ts). Drift of the machine
 *   falls on both launches of a pair and cancels.
 * - `same-run`: one run, sides not interleaved per case (an older file, or sides whose launch
 *   indices do not pair): the unpaired launch bootstrap of stats/bootstrap.ts `gateCis`. No
 *   between-run shift, but within-run drift widens the intervals.
 * - `sequential`: two result files. The same unpaired intervals, which cannot see the shift
 *   between the two runs, so the verdict asks more (below) and multimodal cases whose modes held
 *   their locations while their shares moved are `unstable` (compare/modality.ts).
 *
 * For one interval at threshold T (`decide`): regression iff lo > 1 + T; improvement iff
 * hi < 1/(1 + T); unchanged iff both ends inside; else inconclusive. Every mode needs *both*
 * statistics to agree (`decideSequential`): sequential widens both intervals first by the
 * between-run floor F (×/÷ (1 + F), policy.ts), interleaved and same-run use F = 0. And every
 * case's intervals are at level 1 − 5%/m for the report's m cases (`caseLevel`, Bonferroni), so
 * that a suite's A/A comparison raises a false alarm at most 2.5% of the time. Real interleaved
 * A/A runs on the shared 2-core VM (docs/gating.md "Real runs") fired in 7 of 24 suite
 * comparisons with per-case 95% intervals and "either statistic decides" (the rule until
 * 2026-12-02, `decideGate`, kept for the simulation), and in none with this rule. Other load and
 * hot clocks are one-sided: they move the typical launch but rarely the fastest quarter, while a
 * real slowdown moves both.
 *
 * Before that: a case not `ok` on a side is `failed` (or `unsupported` when neither side could
 * run it), a side with fewer than `minLaunches` good launches (pairs, interleaved) is
 * `insufficient-data`, and cases on one side only are `added` / `removed`.
 */
import { launchMedians, launchMediansByIndex } from '../results/launch-medians.js';
import type { CaseResult } from '../results/types.js';
import { DEFAULT_LEVEL as SUITE_LEVEL, gateCis, type RatioCi } from '../stats/bootstrap.js';
import { pairedCis } from '../stats/paired.js';
import { median } from '../stats/quantile.js';
import type { CasePair, GateMode } from './match.js';
import { timingMismatch } from '../results/timing-model.js';
import { MIN_SHARE_CHANGE, modalityOf, type Modality } from './modality.js';
import { formatPercent } from '../render/units.js';
import { busyReason, sideLoads, type SideLoads } from './busy.js';
import { runNoiseFor, thresholdFor, type GatePolicy, type RunNoiseSource, type Threshold } from './policy.js';

/** What the gate says about one case. */
export type Verdict =
  | 'regression'
  | 'improvement'
  | 'unchanged'
  | 'inconclusive'
  | 'unstable'
  | 'insufficient-data'
  | 'not-comparable'
  | 'failed'
  | 'unsupported'
  | 'added'
  | 'removed';

/** Verdicts in report order: what needs attention first. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'regression', 'failed', 'unstable', 'inconclusive', 'insufficient-data', 'not-comparable', 'improvement',
  'unchanged', 'added', 'removed', 'unsupported',
];

/** What a statistical verdict rests on: the mode, and for sequential runs the floor it assumed. */
export interface Basis {
  mode: GateMode;
  /** Interleaved: launch pairs the paired statistics used. */
  pairs?: number;
  /** Sequential: the between-run floor F the intervals were widened by, and where it came from. */
  runNoise?: { value: number; source: RunNoiseSource };
  /** The statistic that decided: `typical`, `fast`, both, or the modes' locations / shares. */
  decidedBy?: 'typical' | 'fast' | 'both' | 'modes' | 'busy';
  /** Share of the CPUs other processes used during each side's launches (median), where recorded. */
  hostLoad?: SideLoads;
}

/** One case's verdict with the numbers behind it. */
export interface CaseVerdict {
  key: string;
  spec: string;
  verdict: Verdict;
  threshold: Threshold;
  /** Good launches per side. */
  launches: { baseline: number; current: number };
  /** Median of launch medians per side, seconds (when the side has any). */
  baselineMedian?: number;
  currentMedian?: number;
  /**
   * The typical change and its CI, when both sides had enough launches: the Hodges–Lehmann shift
   * ratio (paired in interleaved mode). Sequential: the within-run interval, *before* the floor.
   */
  ci?: RatioCi;
  /** The fast launches' change, ratio of the lower quartiles of launch medians, and its CI. */
  fast?: RatioCi;
  /** How the verdict was reached; absent for verdicts without statistics (failed, added, …). */
  basis?: Basis;
  /** Present when a side's launch medians form more than one cluster. */
  modality?: Modality;
  /** Why there is no statistical verdict (failed, insufficient-data, …), or why it is unstable. */
  reason?: string;
}

/** A statistical verdict. */
export type Decision = 'regression' | 'improvement' | 'unchanged' | 'inconclusive';

/** The decision rule on an interval (see the module comment). */
export function decide(ci: Pick<RatioCi, 'lo' | 'hi'>, threshold: number): Decision {
  const upper = 1 + threshold;
  const lower = 1 / upper;
  if (ci.lo > upper) return 'regression';
  if (ci.hi < lower) return 'improvement';
  if (ci.lo >= lower && ci.hi <= upper) return 'unchanged';
  return 'inconclusive';
}

/** Which statistic carried `verdict` when the rule is "either". */
function carrier(a: Decision, b: Decision, verdict: Decision): Basis['decidedBy'] {
  if (a === verdict && b === verdict) return 'both';
  return a === verdict ? 'typical' : 'fast';
}

/** The interleaved / same-run rule on the two intervals: either one decides (module comment). */
export function decideGate(typical: Pick<RatioCi, 'lo' | 'hi'>, fast: Pick<RatioCi, 'lo' | 'hi'>, threshold: number): Decision {
  return decideEither(typical, fast, threshold).verdict;
}

function decideEither(typical: Pick<RatioCi, 'lo' | 'hi'>, fast: Pick<RatioCi, 'lo' | 'hi'>, threshold: number): { verdict: Decision; by: Basis['decidedBy'] } {
  const a = decide(typical, threshold);
  const b = decide(fast, threshold);
  for (const v of ['regression', 'improvement'] as const) if (a === v || b === v) return { verdict: v, by: carrier(a, b, v) };
  return a === 'unchanged' && b === 'unchanged' ? { verdict: 'unchanged', by: 'both' } : { verdict: 'inconclusive', by: 'both' };
}

/** An interval widened by the between-run floor F: [lo / (1 + F), hi · (1 + F)]. */
export function widen(ci: Pick<RatioCi, 'lo' | 'hi'>, floor: number): { lo: number; hi: number } {
  return { lo: ci.lo / (1 + floor), hi: ci.hi * (1 + floor) };
}

/** The sequential rule: both widened intervals must agree (module comment). */
export function decideSequential(typical: Pick<RatioCi, 'lo' | 'hi'>, fast: Pick<RatioCi, 'lo' | 'hi'>, threshold: number, floor: number): Decision {
  const a = decide(widen(typical, floor), threshold);
  const b = decide(widen(fast, floor), threshold);
  return a === b ? a : 'inconclusive';
}

/** `failed`/`unsupported` with a reason when a side did not complete; undefined when both did. */
function statusVerdict(b: CaseResult, c: CaseResult): Pick<CaseVerdict, 'verdict' | 'reason'> | undefined {
  if (b.status === 'ok' && c.status === 'ok') return undefined;
  if (b.status === 'unsupported' && c.status === 'unsupported') {
    return { verdict: 'unsupported', reason: 'unsupported on both sides' };
  }
  const side = (name: string, r: CaseResult): string[] =>
    r.status === 'ok' ? [] : [`${name} ${r.status}${r.error ? ` (${r.error.kind}): ${r.error.message}` : ''}`];
  return { verdict: 'failed', reason: [...side('baseline', b), ...side('current', c)].join('; ') };
}

/** Launch medians of the launch indices both sides have, in index order. */
function pairedMedians(b: CaseResult, c: CaseResult): { base: number[]; cur: number[] } {
  const bi = launchMediansByIndex(b);
  const ci = launchMediansByIndex(c);
  const ks = [...bi.keys()].filter((k) => ci.has(k)).sort((x, y) => x - y);
  return { base: ks.map((k) => bi.get(k) as number), cur: ks.map((k) => ci.get(k) as number) };
}

/** What `judgeMedians` decides on: launch medians per side, seconds (index-aligned when interleaved). */
export interface MedianSides {
  baseline: readonly number[];
  current: readonly number[];
  mode: GateMode;
}

/** The statistical part of a verdict. */
export type StatVerdict = Pick<CaseVerdict, 'verdict' | 'ci' | 'fast' | 'basis' | 'modality' | 'reason'>;

/**
 * The statistical verdict on launch medians alone (the module comment's rules, then the modes'):
 * what `judge` uses once both sides are ok with enough launches, and what the simulation
 * (scripts/gate-sim) calls. Interleaved sides must be index-aligned pairs of equal length.
 */
export function judgeMedians(sides: MedianSides, policy: GatePolicy, threshold: Threshold): StatVerdict {
  const { baseline: bm, current: cm, mode } = sides;
  const v = { threshold } as CaseVerdict;
  const modality = modalityOf(bm, cm, threshold.value);
  const level = caseLevel(policy);
  if (mode === 'sequential') {
    const runNoise = runNoiseFor(policy);
    const { typical, fast } = gateCis(bm, cm, { level });
    const verdict = decideSequential(typical, fast, threshold.value, runNoise.value);
    return strip(applyModality({ ...v, ci: typical, fast, verdict, basis: { mode, runNoise, decidedBy: 'both' } }, modality, mode));
  }
  const { typical, fast, pairs } = mode === 'interleaved' ? pairedCis(bm, cm, { level }) : { ...gateCis(bm, cm, { level }), pairs: undefined };
  const verdict = decideSequential(typical, fast, threshold.value, 0);
  const basis: Basis = { mode, ...(pairs !== undefined ? { pairs } : {}), decidedBy: 'both' };
  return strip(applyModality({ ...v, ci: typical, fast, verdict, basis }, modality, mode));
}

/**
 * The two-sided level of each case's intervals: 95% for the whole report, split over its
 * `policy.family` cases (Bonferroni), so that an A/A comparison of a suite raises a false alarm
 * at most 2.5% of the time however many cases it has.
 */
export function caseLevel(policy: GatePolicy): number {
  return 1 - (1 - SUITE_LEVEL) / Math.max(1, policy.family ?? 1);
}

function strip(v: CaseVerdict): StatVerdict {
  const { verdict, ci, fast, basis, modality, reason } = v;
  return { verdict, ci, fast, basis, ...(modality ? { modality } : {}), ...(reason !== undefined ? { reason } : {}) };
}

/** The statistical verdict of a case both sides completed with enough launches. */
function judgeStats(b: CaseResult, c: CaseResult, mode: GateMode, policy: GatePolicy, out: CaseVerdict): CaseVerdict {
  if (mode !== 'interleaved') return { ...out, ...judgeMedians({ baseline: launchMedians(b), current: launchMedians(c), mode }, policy, out.threshold) };
  const { base, cur } = pairedMedians(b, c);
  if (base.length < policy.minLaunches) {
    const reason = `${base.length} launch pair(s) with both sides good; the gate needs ≥ ${policy.minLaunches} (run with --launches 10)`;
    return { ...out, verdict: 'insufficient-data', reason };
  }
  return { ...out, ...judgeMedians({ baseline: base, current: cur, mode }, policy, out.threshold) };
}

/**
 * The verdict with each side's host load in its basis; a sequential verdict whose side ran on a
 * busy machine, or any verdict whose side ran on a saturated one (compare/busy.ts), becomes
 * `inconclusive`.
 */
function withLoads(v: CaseVerdict, b: CaseResult, c: CaseResult, mode: GateMode): CaseVerdict {
  if (v.basis === undefined) return v;
  const hostLoad = sideLoads(b, c);
  if (hostLoad.baseline === undefined && hostLoad.current === undefined) return v;
  const basis: Basis = { ...v.basis, hostLoad };
  const reason = busyReason(hostLoad, mode === 'sequential');
  if (reason === undefined || v.verdict === 'inconclusive') return { ...v, basis };
  return { ...v, verdict: 'inconclusive', basis: { ...basis, decidedBy: 'busy' }, reason };
}

/** Verdict of a case present on both sides. */
function judgePair(key: string, b: CaseResult, c: CaseResult, policy: GatePolicy, mode: GateMode): CaseVerdict {
  const bm = launchMedians(b);
  const cm = launchMedians(c);
  const out: CaseVerdict = {
    key,
    spec: c.spec,
    verdict: 'inconclusive',
    threshold: thresholdFor(policy, b, c),
    launches: { baseline: bm.length, current: cm.length },
    ...(bm.length > 0 ? { baselineMedian: median(bm) } : {}),
    ...(cm.length > 0 ? { currentMedian: median(cm) } : {}),
  };
  const status = statusVerdict(b, c);
  if (status !== undefined) return { ...out, ...status };
  const mismatch = timingMismatch(b, c);  // like with like: never divide streamed by isolated
  if (mismatch !== undefined) return { ...out, verdict: 'not-comparable', reason: `${mismatch} (docs/protocol.md §3); run both sides with one --timing` };
  const few = Math.min(bm.length, cm.length);
  if (few < policy.minLaunches) {
    const reason = `${bm.length} baseline and ${cm.length} current good launch(es); the gate needs ≥ ${policy.minLaunches} per side (run with --launches 10)`;
    return { ...out, verdict: 'insufficient-data', reason };
  }
  return withLoads(judgeStats(b, c, mode, policy, out), b, c, mode);
}

/** Verdict of one joined case; a pair without a mode is sequential (two result files). */
export function judge(pair: CasePair, policy: GatePolicy): CaseVerdict {
  const { baseline: b, current: c } = pair;
  if (b !== undefined && c !== undefined) return judgePair(pair.key, b, c, policy, pair.mode ?? 'sequential');
  const only = (c ?? b) as CaseResult;
  const medians = only.status === 'ok' ? launchMedians(only) : [];
  return {
    key: pair.key,
    spec: only.spec,
    verdict: c === undefined ? 'removed' : 'added',
    threshold: thresholdFor(policy, b, c),
    launches: { baseline: b === undefined ? 0 : medians.length, current: c === undefined ? 0 : medians.length },
    ...(medians.length > 0 ? { [c === undefined ? 'baselineMedian' : 'currentMedian']: median(medians) } : {}),
  };
}

/** Sorts verdicts for reports: by `VERDICT_ORDER`, then regressions by θ descending. */
export function sortVerdicts(vs: readonly CaseVerdict[]): CaseVerdict[] {
  const rank = (v: CaseVerdict): number => VERDICT_ORDER.indexOf(v.verdict);
  return [...vs].sort((a, b) => rank(a) - rank(b) || (b.ci?.ratio ?? 0) - (a.ci?.ratio ?? 0));
}

/** The verdict after the modes are taken into account (compare/modality.ts); `v` has its basis set. */
export function applyModality(v: CaseVerdict, modality: Modality | undefined, mode: GateMode): CaseVerdict {
  if (modality === undefined) return v;
  const withModes: CaseVerdict = { ...v, modality };
  if (mode !== 'sequential') return withModes;
  const floor = v.basis?.runNoise?.value ?? 0;
  const limit = (1 + v.threshold.value) * (1 + floor);
  const basis = { ...(v.basis ?? { mode }), decidedBy: 'modes' as const };
  if (modality.movedSlower !== undefined && modality.movedSlower > limit) {
    const reason = `a mode of the launch medians moved by at least ${formatPercent(modality.movedSlower - 1, 1, true)}, beyond the threshold and the between-run floor (${modality.note})`;
    return { ...withModes, verdict: 'regression', basis, reason };
  }
  // Shares moved under held locations, or the number of modes changed with no clear move (a
  // statistics' regression then stands): two sequential runs cannot attribute either to the code.
  const shares = modality.locationsUnchanged && modality.shareChange >= MIN_SHARE_CHANGE;
  const unclear = modality.baseline.length !== modality.current.length && !modality.locationsUnchanged && v.verdict !== 'regression';
  if ((shares || unclear) && v.verdict !== 'unchanged') {
    const what = shares ? "which mode a launch lands in changed between the two runs, not the modes' speed" : "the number of modes changed between the two runs and no mode's move is clear";
    return { ...withModes, verdict: 'unstable', basis, reason: `${modality.note}: ${what}; rerun interleaved (one run with --variant) or with more launches` };
  }
  return withModes;
}
