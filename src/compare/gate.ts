/**
 * The gate: a verdict per joined case, by the launch-bootstrap rule of anchors.md §4.3 and
 * DESIGN.md §6, on two statistics of the launch medians (src/stats/bootstrap.ts `gateCis`;
 * docs/gating.md says why): `typical`, the Hodges–Lehmann shift ratio (median ratio of a current
 * launch to a baseline launch), and `fast`, the ratio of the lower quartiles. Per-iteration time,
 * so a ratio > 1 means slower. Each has a 95% launch-bootstrap CI [lo, hi]; for one interval:
 *
 *   regression    lo > 1 + T
 *   improvement   hi < 1 / (1 + T)
 *   unchanged     1 / (1 + T) ≤ lo and hi ≤ 1 + T
 *   inconclusive  otherwise: the noise is too high to decide at this threshold
 *
 * and for the pair (`decideGate`): regression if either interval says so (the typical launch or
 * the fast launches are confirmed slower by more than T); else improvement if either says so;
 * unchanged if both do; else inconclusive. Two one-sided 2.5% tests, so at a true change of
 * exactly T the gate flags at most 5% (Bonferroni); the simulation measures it.
 *
 * Before that: a case not `ok` on a side is `failed` (or `unsupported` when neither side could
 * run it), a side with fewer than `minLaunches` good launches is `insufficient-data` (a median of
 * one launch is not a median), and cases on one side only are `added` / `removed`.
 */
import { launchMedians } from '../results/launch-medians.js';
import type { CaseResult } from '../results/types.js';
import { gateCis, type RatioCi } from '../stats/bootstrap.js';
import { median } from '../stats/quantile.js';
import type { CasePair } from './match.js';
import { thresholdFor, type GatePolicy, type Threshold } from './policy.js';

/** What the gate says about one case. */
export type Verdict =
  | 'regression'
  | 'improvement'
  | 'unchanged'
  | 'inconclusive'
  | 'insufficient-data'
  | 'failed'
  | 'unsupported'
  | 'added'
  | 'removed';

/** Verdicts in report order: what needs attention first. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'regression', 'failed', 'inconclusive', 'insufficient-data', 'improvement',
  'unchanged', 'added', 'removed', 'unsupported',
];

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
   * The typical change, the Hodges–Lehmann shift ratio of the launch medians, and its CI, when
   * both sides had enough launches. (Not the ratio of the two medians shown beside it.)
   */
  ci?: RatioCi;
  /** The fast launches' change, ratio of the lower quartiles of launch medians, and its CI. */
  fast?: RatioCi;
  /** Why there is no statistical verdict (failed, insufficient-data, …). */
  reason?: string;
}

/** The decision rule on an interval (see the module comment). */
export function decide(ci: Pick<RatioCi, 'lo' | 'hi'>, threshold: number): 'regression' | 'improvement' | 'unchanged' | 'inconclusive' {
  const upper = 1 + threshold;
  const lower = 1 / upper;
  if (ci.lo > upper) return 'regression';
  if (ci.hi < lower) return 'improvement';
  if (ci.lo >= lower && ci.hi <= upper) return 'unchanged';
  return 'inconclusive';
}

/** The gate's rule on its two intervals (see the module comment). */
export function decideGate(typical: Pick<RatioCi, 'lo' | 'hi'>, fast: Pick<RatioCi, 'lo' | 'hi'>, threshold: number): 'regression' | 'improvement' | 'unchanged' | 'inconclusive' {
  const a = decide(typical, threshold);
  const b = decide(fast, threshold);
  if (a === 'regression' || b === 'regression') return 'regression';
  if (a === 'improvement' || b === 'improvement') return 'improvement';
  if (a === 'unchanged' && b === 'unchanged') return 'unchanged';
  return 'inconclusive';
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

/** Verdict of a case present on both sides. */
function judgePair(b: CaseResult, c: CaseResult, policy: GatePolicy): CaseVerdict {
  const bm = launchMedians(b);
  const cm = launchMedians(c);
  const out: CaseVerdict = {
    key: c.key,
    spec: c.spec,
    verdict: 'inconclusive',
    threshold: thresholdFor(policy, b, c),
    launches: { baseline: bm.length, current: cm.length },
    ...(bm.length > 0 ? { baselineMedian: median(bm) } : {}),
    ...(cm.length > 0 ? { currentMedian: median(cm) } : {}),
  };
  const status = statusVerdict(b, c);
  if (status !== undefined) return { ...out, ...status };
  const few = Math.min(bm.length, cm.length);
  if (few < policy.minLaunches) {
    const reason = `${bm.length} baseline and ${cm.length} current good launch(es); the gate needs ≥ ${policy.minLaunches} per side (run with --launches 10)`;
    return { ...out, verdict: 'insufficient-data', reason };
  }
  const { typical, fast } = gateCis(bm, cm);
  return { ...out, ci: typical, fast, verdict: decideGate(typical, fast, out.threshold.value) };
}

/** Verdict of one joined case. */
export function judge(pair: CasePair, policy: GatePolicy): CaseVerdict {
  const { baseline: b, current: c } = pair;
  if (b !== undefined && c !== undefined) return judgePair(b, c, policy);
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
