/**
 * Pieces every compare rendering shares (text, Markdown, GitHub): the basis of a verdict in a few
 * words, the interval's label for the report's mode, the speed-up of a backend comparison, the
 * notes under the table (reasons, modes), and the method footnote. Formatters never throw.
 */
import { formatPercent, formatRatio, NONE } from '../render/units.js';
import type { CaseVerdict } from './gate.js';
import type { CompareReport } from './index.js';
import type { GateMode } from './match.js';
import { caseLevel } from './gate.js';

/** The mode as people read it. */
export const MODE_TEXT: Record<GateMode, string> = {
  interleaved: 'interleaved, paired launches',
  'same-run': 'one run, unpaired launches',
  sequential: 'sequential runs',
};

/** "paired ×10", "floor ±10% (default)", "unpaired", or — for verdicts without statistics. */
export function basisText(v: CaseVerdict): string {
  const b = v.basis;
  if (b === undefined) return NONE;
  const by = b.decidedBy === 'modes' ? ', by modes' : b.decidedBy === 'busy' ? `, busy ${busyText(b)}` : '';
  if (b.mode === 'interleaved') return `paired ×${b.pairs ?? '?'}${by}`;
  if (b.mode === 'same-run') return `unpaired${by}`;
  const f = b.runNoise;
  return `floor ±${f ? formatPercent(f.value, 0) : '?'}${f?.source === 'default' ? ' (default)' : ''}${by}`;
}

/** "43% / 2%": the share of the CPUs others used during each side ("?" where unrecorded). */
function busyText(b: NonNullable<CaseVerdict['basis']>): string {
  const p = (x: number | undefined): string => (x === undefined ? '?' : formatPercent(x, 0));
  return `${p(b.hostLoad?.baseline)} / ${p(b.hostLoad?.current)}`;
}

/** "99.4%": each case's interval level in the report (95% over the report's cases, Bonferroni). */
export function levelText(r: CompareReport): string {
  const p = caseLevel(r.policy) * 100;
  return `${p >= 99.95 ? p.toFixed(2) : p.toFixed(1).replace(/\.0$/, '')}%`;
}

/** Header of the typical change's interval column, by mode and level. */
export function ciHeader(r: CompareReport): string {
  const level = levelText(r);
  return r.mode === 'sequential' ? `${level} CI (within runs)` : r.mode === 'interleaved' ? `${level} CI (paired)` : `${level} CI`;
}

/** Speed-up of the current side over the baseline (baseline time / current time) with its CI. */
export function speedupText(v: CaseVerdict): string {
  const ci = v.ci;
  if (ci === undefined) return NONE;
  return `${formatRatio(1 / ci.ratio)} [${formatRatio(1 / ci.hi)}, ${formatRatio(1 / ci.lo)}]`;
}

/** Reasons of cases without a verdict (or unstable ones), then the modes of multimodal cases. */
export function noteLines(r: CompareReport, mark: (key: string) => string): { reasons: string[]; modes: string[] } {
  const reasons = r.cases.flatMap((v) => (v.reason === undefined || v.verdict === 'unsupported' ? [] : [`${mark(v.key)}: ${v.reason}`]));
  const modes = r.cases.flatMap((v) => (v.modality === undefined || v.verdict === 'unstable' ? [] : [`${mark(v.key)}: ${v.modality.note}`]));
  return { reasons, modes };
}

/** How to read the numbers, for the report's mode. */
export function methodText(r: CompareReport): string {
  const resamples = r.cases.find((v) => v.fast)?.fast?.resamples ?? 10000;
  const family = r.policy.family ?? 1;
  const common = `baseline and current are medians of launch medians; > 0 is slower. Each interval is at ${levelText(r)}, so that the ${family} case(s) of this report together hold at 95% (Bonferroni). Regression when both statistics' intervals lie above +threshold`;
  if (r.mode === 'interleaved') {
    return `Interleaved: launch k of both sides ran back to back, order seeded and balanced. change = Hodges–Lehmann centre of the paired log ratios of launch medians, with its exact Wilcoxon signed-rank CI; fastest 25% = ratio of the lower quartiles with a bootstrap over whole pairs (B = ${resamples}, seeded); ${common}.`;
  }
  const unpaired = `change = Hodges–Lehmann shift between launches (median over all pairs of current/baseline launch medians); fastest 25% = ratio of the lower quartiles of launch medians; bootstrap CIs over whole launches (B = ${resamples}, seeded)`;
  if (r.mode === 'same-run') return `One run, launches not paired: ${unpaired}; ${common}.`;
  return `Sequential runs: ${unpaired}. These intervals see only the noise within each run, not the shift between the two runs, so the verdict widens both by the between-run floor (×/÷ (1 + floor)); cases whose launch modes kept their locations while their shares moved are unstable. ${common}, after the floor. Measure both sides in one run with --variant for paired verdicts.`;
}
