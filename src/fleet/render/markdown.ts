/**
 * The comparison as GitHub-flavoured Markdown, in the HTML page's order: the overview (speed-ups
 * with intervals, best throughput per chip, claims, systems), then per workload its charts (when
 * written) and every case's table folded in a <details> block, then method, peaks with numbered
 * sources, and the inputs. Reuses the single-file reporter's table printer.
 */
import { markdownTable } from '../../render/markdown-table.js';
import { checkClaims } from '../claims.js';
import { overviewOf } from '../overview.js';
import type { Comparison } from '../types.js';
import { byWorkload, caseCells, caseColumns, type Cell } from './cells.js';
import type { RenderedChart } from './charts.js';
import { ROOFLINE_HEADERS, ROOFLINE, rooflineCharts, rooflineRows } from './roofline-charts.js';
import { INPUT_HEADERS, PEAK_HEADERS, ROOFLINE_NOTE, TITLE, citations, inputRows, methodNotes, peakRows, sourcesOf, summaryLine } from './notes.js';
import { SPEEDUP_HEADERS, SYSTEM_HEADERS, bestTable, claimLines, speedupBasis, speedupRows, systemRows } from './overview-rows.js';

/** Options of the Markdown renderer. */
export interface MarkdownOptions {
  /** Charts in page order and the link to each chart file; no images when `chartHref` is absent. */
  charts?: readonly RenderedChart[];
  chartHref?: (chart: RenderedChart) => string;
}

/** A Markdown table of cells; `right` marks numeric columns. */
function table(headers: readonly string[], rows: readonly (readonly Cell[])[], right: readonly number[] = []): string {
  return markdownTable(headers, rows.map((r) => r.map((c) => c.text)), headers.map((_, i) => right.includes(i)));
}

/** The overview section. */
function overview(cmp: Comparison): string[] {
  const o = overviewOf(cmp);
  const lines = ['## Overview', ''];
  if (o.speedups.length === 0) lines.push('No GPU path has a CPU baseline on its own machine in these files, so no speed-up is shown.', '');
  else lines.push('### Speed-up of each GPU path over its own machine’s CPU', '', table(SPEEDUP_HEADERS, speedupRows(o.speedups), [3, 6]), '', speedupBasis(o.speedups), '');
  const best = bestTable(o.bests);
  lines.push('### Best throughput per chip', '', table(best.headers, best.rows), '');
  lines.push('### Claims checked', '', ...claimLines(checkClaims(cmp)).map((c) => `- **${c.claim}** ${c.finding}`), '');
  lines.push('### Systems', '', table(SYSTEM_HEADERS, systemRows(cmp.systems)), '');
  return lines;
}

/** One workload: chart images, then the case tables folded. */
function workload(name: string, cmp: Comparison, opts: MarkdownOptions): string[] {
  const tables = byWorkload(cmp.cases).get(name) ?? [];
  const lines = [`## ${name}`, ''];
  const href = opts.chartHref;
  if (href !== undefined) for (const c of (opts.charts ?? []).filter((x) => x.workload === name)) lines.push(`![${c.title}](${href(c)})`, '');
  lines.push('<details>', `<summary>Every ${name} case’s table (${tables.length})</summary>`, '');
  for (const t of tables) {
    const cols = caseColumns(t);
    lines.push(`### \`${t.spec}\``, '', table(cols.map((c) => c.header), caseCells(t), cols.flatMap((c, i) => (c.align === 'right' ? [i] : []))), '');
  }
  lines.push('</details>', '');
  return lines;
}

/** The roofline section: per chip its chart image (when written) and the table of its points. */
function roofline(cmp: Comparison, opts: MarkdownOptions): string[] {
  const chips = rooflineCharts(cmp);
  if (chips.length === 0) return [];
  const lines = ['## Roofline', '', ROOFLINE_NOTE, ''];
  const written = (opts.charts ?? []).filter((c) => c.workload === ROOFLINE);
  for (const c of chips) {
    lines.push(`### ${c.device}`, '');
    const file = written.find((w) => w.name === c.chart.name);
    if (file !== undefined && opts.chartHref !== undefined) lines.push(`![${c.chart.title}](${opts.chartHref(file)})`, '');
    lines.push(`${c.bandwidthNote[0]?.toUpperCase() ?? ''}${c.bandwidthNote.slice(1)}.`, '');
    lines.push('<details>', `<summary>The ${c.device} roofline as a table (${c.entries.length} points)</summary>`, '', table(ROOFLINE_HEADERS, rooflineRows(c), [0, 3, 4, 5]), '', '</details>', '');
  }
  return lines;
}

/** Peaks with numbered source marks, then the numbered sources. */
function peaks(cmp: Comparison): string[] {
  if (cmp.peaks.length === 0) return ['## Peaks', '', 'No row matched a known peak, so no percent of peak is shown.', ''];
  const sources = sourcesOf(cmp);
  const rows = cmp.peaks.map((p) => [...(peakRows([p])[0] ?? []), citations(p, sources).map((c) => `[${c.n}]`).join(' ') || 'measured in these files']);
  const list = sources.map((s, i) => `${i + 1}. ${s.title}.${s.url === undefined ? '' : ` <${s.url}>`}${s.note === undefined ? '' : ` ${s.note}.`}`);
  return ['## Peaks', '', markdownTable(PEAK_HEADERS, rows, [false, true, false, false, false]), '', '## Sources', '', ...list, ''];
}

/** Renders the comparison as Markdown (ends with a newline). Pure. */
export function renderComparisonMarkdown(cmp: Comparison, opts: MarkdownOptions = {}): string {
  const lines = [`# ${TITLE}`, '', summaryLine(cmp), '', ...overview(cmp), ...roofline(cmp, opts)];
  if (cmp.cases.length === 0) lines.push('_No cases in the input files._', '');
  // line by line: a spread of one workload's lines overflows the stack at ~10⁵ cases
  for (const name of byWorkload(cmp.cases).keys()) for (const l of workload(name, cmp, opts)) lines.push(l);
  lines.push('## Method', '', ...methodNotes(cmp).flatMap((p) => [p, '']), ...peaks(cmp));
  lines.push('## Inputs', '', markdownTable(INPUT_HEADERS, inputRows(cmp), [false, false, false, false, true]));
  return `${lines.join('\n')}\n`;
}
