/**
 * Plain-text and JSON renderings of a comparison. Text is one aligned line per case (regressions
 * first) and a headline, for terminals and logs; JSON (`mpsbench.compare/v1`, extended with
 * `mode`, `sides`, and per case `basis` and `modality`) carries every number for scripts. Both pure.
 */
import { formatDuration, NONE } from '../render/units.js';
import type { CaseVerdict } from './gate.js';
import { COMPARE_SCHEMA, type CompareReport } from './index.js';
import { changeText, ciText, fastText, headline } from './render-markdown.js';
import { basisText, ciHeader, methodText, noteLines, speedupText } from './render-parts.js';

/** Pads every column of `rows` to its widest cell. */
function align(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('  ').trimEnd());
}

/** One case as text columns. */
function cells(v: CaseVerdict, r: CompareReport): string[] {
  const med = (x: number | undefined): string => (x === undefined ? NONE : formatDuration(x));
  const out = [
    v.verdict,
    v.key,
    changeText(v.ci?.ratio),
    ciText(v),
    `${med(v.baselineMedian)} → ${med(v.currentMedian)}`,
    `n=${v.launches.baseline}/${v.launches.current}`,
    fastText(v),
    basisText(v),
  ];
  if (r.sides?.by === 'backend') out.splice(4, 0, speedupText(v));
  return out;
}

/** The text report: headline, warnings, one line per case, reasons, modes, method. */
export function renderText(r: CompareReport): string {
  const lines = [`${headline(r)} (baseline ${r.baseline.file} → current ${r.current.file})`];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const head = ['verdict', 'case', 'change', ciHeader(r), 'median', 'launches', 'fastest 25%', 'basis'];
  if (r.sides?.by === 'backend') head.splice(4, 0, `speed-up of ${r.sides.head}`);
  // Appended line by line: a spread of one line per case overflows the stack at ~10⁵ cases.
  const append = (more: readonly string[]): void => {
    lines.push('');
    for (const l of more) lines.push(l);
  };
  append(align([head, ...r.cases.map((v) => cells(v, r))]));
  const { reasons, modes } = noteLines(r, (k) => k);
  if (reasons.length > 0) append(reasons);
  if (modes.length > 0) append(modes);
  lines.push('', methodText(r));
  return `${lines.join('\n')}\n`;
}

/** The JSON report: the whole CompareReport under a schema identifier. */
export function renderJson(r: CompareReport): string {
  return `${JSON.stringify({ schema: COMPARE_SCHEMA, ...r }, null, 2)}\n`;
}
