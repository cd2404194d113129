/**
 * Plain-text and JSON renderings of a comparison. Text is one aligned line per case (regressions
 * first) and a headline, for terminals and logs; JSON (`mpsbench.compare/v1`) carries every
 * number for scripts. Both pure.
 */
import { formatDuration, NONE } from '../render/units.js';
import type { CaseVerdict } from './gate.js';
import { COMPARE_SCHEMA, type CompareReport } from './index.js';
import { changeText, ciText, fastText, headline } from './render-markdown.js';

/** Pads every column of `rows` to its widest cell. */
function align(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('  ').trimEnd());
}

/** One case as text columns. */
function cells(v: CaseVerdict): string[] {
  const med = (x: number | undefined): string => (x === undefined ? NONE : formatDuration(x));
  return [
    v.verdict,
    v.key,
    changeText(v.ci?.ratio),
    ciText(v),
    `${med(v.baselineMedian)} → ${med(v.currentMedian)}`,
    `n=${v.launches.baseline}/${v.launches.current}`,
    fastText(v),
  ];
}

/** The text report: headline, warnings, one line per case, reasons. */
export function renderText(r: CompareReport): string {
  const lines = [`${headline(r)} (baseline ${r.baseline.file} → current ${r.current.file})`];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  lines.push('', ...align([['verdict', 'case', 'change', '95% CI', 'median', 'launches', 'fastest 25%'], ...r.cases.map(cells)]));
  const reasons = r.cases.filter((v) => v.reason !== undefined && v.verdict !== 'unsupported');
  if (reasons.length > 0) lines.push('', ...reasons.map((v) => `${v.key}: ${v.reason ?? ''}`));
  return `${lines.join('\n')}\n`;
}

/** The JSON report: the whole CompareReport under a schema identifier. */
export function renderJson(r: CompareReport): string {
  return `${JSON.stringify({ schema: COMPARE_SCHEMA, ...r }, null, 2)}\n`;
}
