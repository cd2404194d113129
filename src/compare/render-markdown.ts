/**
 * Markdown summaries of a comparison, for a PR comment (`--format md`) or a GitHub job summary
 * (`--format github`, which adds GitHub's alert blocks and folds the unchanged cases into a
 * `<details>` block so a 40-case suite stays readable). Regressions come first, each with θ, its
 * CI and both medians. Pure: report in, text out. Table layout is the shared `markdownTable`.
 */
import { formatDuration, formatPercent, NONE } from '../render/units.js';
import { markdownTable } from '../render/markdown-table.js';
import type { CaseVerdict, Verdict } from './gate.js';
import type { CompareReport } from './index.js';
import { basisText, ciHeader, methodText, MODE_TEXT, noteLines, speedupText } from './render-parts.js';

/** A one-word mark per verdict, readable without colour. */
const MARK: Partial<Record<Verdict, string>> = {
  regression: '🔴 regression',
  failed: '❌ failed',
  inconclusive: '⚪ inconclusive',
  unstable: '🟡 unstable',
  'insufficient-data': '⚪ insufficient data',
  'not-comparable': '⚪ not comparable',
  improvement: '🟢 improvement',
  unchanged: 'unchanged',
  added: 'added',
  removed: 'removed',
  unsupported: 'unsupported',
};

/** θ as a signed change: 1.123 → "+12.3%". */
export function changeText(ratio: number | undefined): string {
  return ratio === undefined ? NONE : formatPercent(ratio - 1, 1, true);
}

/** The CI as changes: "[+8.1%, +16.0%]". */
export function ciText(v: CaseVerdict): string {
  return v.ci === undefined ? NONE : `[${changeText(v.ci.lo)}, ${changeText(v.ci.hi)}]`;
}

/** The fast launches' change with its CI: "+9.8% [+7.9%, +11.6%]". */
export function fastText(v: CaseVerdict): string {
  return v.fast === undefined ? NONE : `${changeText(v.fast.ratio)} [${changeText(v.fast.lo)}, ${changeText(v.fast.hi)}]`;
}

/** Column headers and alignment for the report's mode (backend comparisons add the speed-up). */
function layout(r: CompareReport): { headers: string[]; right: boolean[] } {
  const headers = ['verdict', 'case', 'change', ciHeader(r), 'baseline', 'current', 'launches', 'threshold', 'fastest 25% (95% CI)', 'basis'];
  const right = [false, false, true, true, true, true, true, true, true, false];
  if (r.sides?.by === 'backend') {
    headers.splice(4, 0, `speed-up of ${r.sides.head} (95% CI)`);
    right.splice(4, 0, true);
  }
  return { headers, right };
}

/** One verdict as table cells. */
function row(v: CaseVerdict, r: CompareReport): string[] {
  const med = (x: number | undefined): string => (x === undefined ? NONE : formatDuration(x));
  const cells = [
    MARK[v.verdict] ?? v.verdict,
    `\`${v.key}\``,
    changeText(v.ci?.ratio),
    ciText(v),
    med(v.baselineMedian),
    med(v.currentMedian),
    `${v.launches.baseline} / ${v.launches.current}`,
    `${formatPercent(v.threshold.value, 1)}${v.threshold.source === 'default' ? '' : ` (${v.threshold.source})`}`,
    fastText(v),
    basisText(v),
  ];
  if (r.sides?.by === 'backend') cells.splice(4, 0, speedupText(v));
  return cells;
}

/** The headline: counts of each verdict that occurred, and the mode. */
export function headline(r: CompareReport): string {
  const parts = Object.entries(r.counts).map(([v, n]) => `${n} ${v}`);
  const verdict = (r.counts.regression ?? 0) > 0 ? 'Regression detected' : 'No regression';
  return `${verdict} (${MODE_TEXT[r.mode] ?? r.mode}): ${parts.join(', ') || 'no cases'}`;
}

/** Notes under the table: reasons of cases without a verdict or unstable, modes, how to read it. */
function notes(r: CompareReport): string[] {
  const { reasons, modes } = noteLines(r, (k) => `- \`${k}\``);
  return [
    ...(reasons.length > 0 ? ['', '**Cases without a verdict, or unstable**', '', ...reasons] : []),
    ...(modes.length > 0 ? ['', '**Multimodal launches**', '', ...modes] : []),
    '',
    `<sub>${methodText(r)}</sub>`,
  ];
}

/** Renders the report; `github` adds alerts and folds unchanged cases. */
export function renderMarkdown(r: CompareReport, flavour: 'md' | 'github'): string {
  const title = `## mpsbench compare: ${headline(r)}`;
  const sides = `Baseline \`${r.baseline.file}\` (${r.baseline.machine}, ${r.baseline.created}) → current \`${r.current.file}\` (${r.current.machine}, ${r.current.created})`;
  const warn = r.warnings.length === 0 ? [] : flavour === 'github'
    ? ['> [!WARNING]', '> The environments differ or the run is incomplete; timings may not be comparable:', ...r.warnings.map((w) => `> - ${w}`), '']
    : ['**Warning:** the environments differ or the run is incomplete; timings may not be comparable:', '', ...r.warnings.map((w) => `- ${w}`), ''];
  const quiet = new Set<Verdict>(['unchanged', 'unsupported']);
  const shown = flavour === 'github' ? r.cases.filter((v) => !quiet.has(v.verdict)) : r.cases;
  const folded = flavour === 'github' ? r.cases.filter((v) => quiet.has(v.verdict)) : [];
  const { headers, right } = layout(r);
  const table = (vs: readonly CaseVerdict[]): string => markdownTable(headers, vs.map((v) => row(v, r)), right);
  const parts = [title, '', sides, '', ...warn];
  if (shown.length > 0) parts.push(table(shown));
  if (folded.length > 0) {
    parts.push('', `<details><summary>${folded.length} unchanged or unsupported case(s)</summary>`, '', table(folded), '', '</details>');
  }
  for (const n of notes(r)) parts.push(n);
  return `${parts.join('\n')}\n`;
}

