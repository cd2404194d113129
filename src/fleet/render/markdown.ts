/**
 * The comparison as GitHub-flavoured Markdown: summary and method, then per workload one table
 * per case (chips × backends) with its charts linked when they were written, then the peaks with
 * their sources and the list of input files. Reuses the single-file reporter's table printer.
 */
import { markdownTable } from '../../render/markdown-table.js';
import type { Comparison } from '../types.js';
import { byWorkload, caseCells, caseColumns } from './cells.js';
import type { RenderedChart } from './charts.js';
import { INPUT_HEADERS, PEAK_HEADERS, TITLE, inputRows, methodNotes, peakRows, summaryLine } from './notes.js';

/** Options of the Markdown renderer. */
export interface MarkdownOptions {
  /** Charts per case (by spec) and the link to each chart file; no images when absent. */
  charts?: ReadonlyMap<string, readonly RenderedChart[]>;
  chartHref?: (chart: RenderedChart) => string;
}

/** One case: heading, table, chart images. */
function caseSection(cmp: Comparison, index: number, opts: MarkdownOptions): string[] {
  const table = cmp.cases[index];
  if (table === undefined) return [];
  const cols = caseColumns(table);
  const md = markdownTable(
    cols.map((c) => c.header),
    caseCells(table).map((r) => r.map((c) => c.text)),
    cols.map((c) => c.align === 'right'),
  );
  const lines = [`### \`${table.spec}\``, '', md, ''];
  const href = opts.chartHref;
  if (href === undefined) return lines;
  for (const chart of opts.charts?.get(table.spec) ?? []) lines.push(`![${chart.title}](${href(chart)})`, '');
  return lines;
}

/** Renders the comparison as Markdown (ends with a newline). Pure. */
export function renderComparisonMarkdown(cmp: Comparison, opts: MarkdownOptions = {}): string {
  const lines = [`# ${TITLE}`, '', summaryLine(cmp), '', ...methodNotes(cmp).flatMap((p) => [p, ''])];
  if (cmp.cases.length === 0) lines.push('_No cases in the input files._', '');
  for (const [workload, tables] of byWorkload(cmp.cases)) {
    lines.push(`## ${workload}`, '');
    for (const t of tables) lines.push(...caseSection(cmp, cmp.cases.indexOf(t), opts));
  }
  lines.push('## Peaks and sources', '');
  if (cmp.peaks.length === 0) lines.push('No row matched a known peak, so no percent of peak is shown.', '');
  else lines.push(markdownTable(PEAK_HEADERS, peakRows(cmp.peaks), [false, true, false, false]), '');
  lines.push('## Inputs', '', markdownTable(INPUT_HEADERS, inputRows(cmp), [false, false, false, false, true]));
  return `${lines.join('\n')}\n`;
}
