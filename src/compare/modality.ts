/**
 * Multimodal launches in a comparison (issue 12): when a side's launch medians fall into separate
 * clusters (stats/modes.ts), the report says so — modes, locations, shares — and, for two
 * sequential runs, the verdict follows the modes rather than a statistic that sat in one mode in
 * one run and in the other in the next:
 *
 * - an unambiguous slowdown of the modes by more than (1 + T)(1 + F) is a `regression` (F the
 *   between-run floor; "unambiguous" in stats/modes.ts: with as many modes on both sides, a
 *   matched mode's launches, fastest current over slowest baseline, moved slower by more than
 *   that and no mode moved faster; otherwise every current launch is slower than every baseline
 *   launch by more than that): the code, or its kernel, got slower;
 * - when the number of modes changed and no move is unambiguous (one current mode between two
 *   baseline modes), a verdict other than `unchanged` or `regression` is `unstable`;
 * - otherwise, when every matched mode kept its location within ±T and the shares moved (by at
 *   least `MIN_SHARE_CHANGE`), a verdict other than `unchanged` becomes `unstable`: which mode a
 *   process lands in changed between the runs, which two sequential runs cannot attribute to the
 *   code. The message says to rerun interleaved or with more launches.
 *
 * In interleaved and same-run comparisons the modes are reported and the statistics decide: both
 * sides drew their modes under the same conditions, so a moved share there is the variant's doing
 * and the paired intervals already carry its uncertainty.
 */
import { formatDuration, formatPercent } from '../render/units.js';
import { compareModes, findModes, rangeRatio, type Mode, type ModeComparison } from '../stats/modes.js';

/** Smallest change of a mode's share that counts as "the shares moved" (one launch in ten). */
export const MIN_SHARE_CHANGE = 0.1;

/** The modes of both sides of a case and how they relate. */
export interface Modality {
  baseline: Mode[];
  current: Mode[];
  /** Every matched mode kept its location within ±T. */
  locationsUnchanged: boolean;
  /** Largest change of a mode's share, 0 … 1. */
  shareChange: number;
  /** Location ratio beyond 1 + T (slower), when a slowdown of the modes is unambiguous (stats/modes.ts). */
  movedSlower?: number;
  /** One line for people: the modes per side and what moved. */
  note: string;
}

/** "6 at 7.50 µs + 4 at 10.2 µs" */
function modesText(modes: readonly Mode[]): string {
  return modes.map((m) => `${m.count} at ${formatDuration(m.location)}`).join(' + ');
}

/** The note's last clause: what moved between the sides' modes. */
function whatMoved(cmp: ModeComparison, baseModes: number, curModes: number, threshold: number): string {
  if (cmp.movedSlower !== undefined) return `the modes moved by at least ${formatPercent(cmp.movedSlower - 1, 1, true)} (launch to launch)`;
  if (!cmp.locationsUnchanged) {
    const farthest = cmp.matched.reduce((a, x) => (Math.abs(Math.log(x.ratio)) > Math.abs(Math.log(a.ratio)) ? x : a));
    const which = cmp.sameModes ? 'a mode moved' : `${baseModes} mode(s) became ${curModes}, the nearest moved`;
    const apart = cmp.sameModes && farthest.ratio > 1 ? `, its slowest and fastest launches only ${formatPercent(rangeRatio(farthest) - 1, 1, true)} apart` : '';
    return `${which} ${formatPercent(farthest.ratio - 1, 1, true)}${apart}`;
  }
  if (cmp.shareChange >= MIN_SHARE_CHANGE) return `locations held within ±${formatPercent(threshold, 1)}, shares moved by up to ${formatPercent(cmp.shareChange, 0)}`;
  return 'locations and shares held';
}

/**
 * The modality of a case from its launch medians (seconds) per side, or undefined when both sides
 * are unimodal. `threshold` T sets the band within which a mode's location counts as held.
 */
export function modalityOf(baseline: readonly number[], current: readonly number[], threshold: number): Modality | undefined {
  const bm = findModes(baseline);
  const cm = findModes(current);
  const cmp = compareModes(bm, cm, 1 + threshold);
  if (!cmp.multimodal) return undefined;
  const note = `multimodal launches: baseline ${modesText(bm)}; current ${modesText(cm)}; ${whatMoved(cmp, bm.length, cm.length, threshold)}`;
  return {
    baseline: bm,
    current: cm,
    locationsUnchanged: cmp.locationsUnchanged,
    shareChange: cmp.shareChange,
    ...(cmp.movedSlower !== undefined ? { movedSlower: cmp.movedSlower } : {}),
    note,
  };
}
