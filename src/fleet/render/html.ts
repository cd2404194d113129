/**
 * The comparison as one self-contained HTML page: inline CSS, inline SVG charts and a few lines
 * of inline JS for sortable tables. A Content-Security-Policy forbids every network fetch, so the
 * page reads the same from a CI artifact, a laptop's disk or GitHub Pages. Pure: data in, string out.
 */
import type { Column } from '../../reporters/table.js';
import type { Comparison } from '../types.js';
import { byWorkload, caseCells, caseColumns, type Cell } from './cells.js';
import type { RenderedChart } from './charts.js';
import { escapeXml, slugify } from './escape.js';
import { PAGE_CSS, PAGE_JS } from './html-assets.js';
import { INPUT_HEADERS, PEAK_HEADERS, TITLE, inputRows, methodNotes, peakRows, summaryLine } from './notes.js';

/** Options of the HTML renderer. */
export interface HtmlOptions {
  /** Charts per case spec, inlined under each table. */
  charts?: ReadonlyMap<string, readonly RenderedChart[]>;
  /** Footer line naming the generator (`mpsbench 0.1.0`); no timestamps, so output is reproducible. */
  generator?: string;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** Escaped prose with Markdown-style `code` spans turned into <code> elements. */
function prose(text: string): string {
  return escapeXml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A sortable table: header buttons, `num` cells right-aligned with `data-sort` keys. */
export function htmlTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const cls = (c: Column | undefined): string => (c?.align === 'right' ? ' class="num"' : '');
  const head = columns.map((c) => `<th scope="col"${cls(c)}><button type="button">${escapeXml(c.header)}</button></th>`);
  const body = rows.map((r) => {
    const tds = r.map((cell, i) => {
      const sort = cell.sort === undefined ? '' : ` data-sort="${cell.sort}"`;
      return `<td${cls(columns[i])}${sort}>${escapeXml(cell.text)}</td>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  return `<div class="table-wrap"><table class="sortable"><thead><tr>${head.join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

/** Plain text rows as table cells (for the peaks and inputs tables). */
function textRows(rows: readonly string[][], right: readonly boolean[]): Cell[][] {
  return rows.map((r) => r.map((text, i) => (right[i] === true && text !== '' && Number.isFinite(Number(text)) ? { text, sort: Number(text) } : { text })));
}

/** Columns from plain headers. */
function plainColumns(headers: readonly string[], right: readonly boolean[]): Column[] {
  return headers.map((h, i) => ({ id: h, header: h, align: right[i] === true ? 'right' : 'left' }));
}

/** The workload sections: per case a heading, the table and its charts. */
function caseSections(cmp: Comparison, opts: HtmlOptions): string[] {
  const out: string[] = [];
  for (const [workload, tables] of byWorkload(cmp.cases)) {
    out.push(`<section id="w-${slugify(workload)}"><h2>${escapeXml(workload)}</h2>`);
    for (const t of tables) {
      const charts = (opts.charts?.get(t.spec) ?? []).map((c) => `<figure>${c.svg}</figure>`);
      out.push(
        `<article id="c-${slugify(t.spec)}"><h3><code>${escapeXml(t.spec)}</code></h3>`,
        htmlTable(caseColumns(t), caseCells(t)),
        charts.length > 0 ? `<div class="charts">${charts.join('\n')}</div>` : '',
        '</article>',
      );
    }
    out.push('</section>');
  }
  return out;
}

/** The table of contents: one link per case, grouped by workload. */
function contents(cmp: Comparison): string {
  const items = cmp.cases.map((t) => `<li><a href="#c-${slugify(t.spec)}"><code>${escapeXml(t.spec)}</code></a></li>`);
  return items.length > 1 ? `<nav aria-label="Cases"><ul>${items.join('')}</ul></nav>` : '';
}

/** Renders the whole page (ends with a newline). */
export function renderComparisonHtml(cmp: Comparison, opts: HtmlOptions = {}): string {
  const peakRight = [false, true, false, false];
  const inputRight = [false, false, false, false, true];
  const peaks =
    cmp.peaks.length === 0
      ? '<p>No row matched a known peak, so no percent of peak is shown.</p>'
      : htmlTable(plainColumns(PEAK_HEADERS, peakRight), textRows(peakRows(cmp.peaks), peakRight));
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${TITLE}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head><body><main>',
    `<h1>${TITLE}</h1>`,
    `<p>${escapeXml(summaryLine(cmp))}</p>`,
    ...methodNotes(cmp).map((p) => `<p class="muted">${prose(p)}</p>`),
    contents(cmp),
    ...caseSections(cmp, opts),
    '<section id="peaks"><h2>Peaks and sources</h2>',
    peaks,
    '</section><section id="inputs"><h2>Inputs</h2>',
    htmlTable(plainColumns(INPUT_HEADERS, inputRight), textRows(inputRows(cmp), inputRight)),
    '</section>',
    opts.generator === undefined ? '' : `<p class="muted">Generated by ${escapeXml(opts.generator)}.</p>`,
    `</main><script>${PAGE_JS}</script></body></html>`,
  ].join('\n') + '\n';
}
