/**
 * The comparison as one self-contained HTML page: the overview first (systems, speed-ups with
 * intervals, best throughput per chip, the claims box), then per workload its charts with every
 * case's table folded below them, then method, peaks, sources and inputs. Inline CSS, inline SVG
 * and a few lines of inline JS (sortable tables, opening a folded table when linked to, unfolding
 * everything for print). A Content-Security-Policy forbids every fetch, so the page reads the
 * same from a CI artifact, a laptop's disk or GitHub Pages. Pure: data in, string out.
 */
import type { Column } from '../../reporters/table.js';
import { checkClaims } from '../claims.js';
import { overviewOf } from '../overview.js';
import type { Comparison } from '../types.js';
import { byWorkload, caseCells, caseColumns, type Cell } from './cells.js';
import type { RenderedChart } from './charts.js';
import { escapeXml, slugify } from './escape.js';
import { PAGE_CSS, PAGE_JS } from './html-assets.js';
import { ROOFLINE_HEADERS, rooflineCharts, rooflineRows } from './roofline-charts.js';
import { INPUT_HEADERS, PEAK_HEADERS, ROOFLINE_NOTE, TITLE, citations, inputRows, methodNotes, peakRows, sourcesOf, summaryLine } from './notes.js';
import {
  SPEEDUP_HEADERS,
  SYSTEM_HEADERS,
  bestTable,
  caseAnchor,
  claimLines,
  speedupBasis,
  speedupRows,
  systemRows,
} from './overview-rows.js';

/** Options of the HTML renderer. */
export interface HtmlOptions {
  /** Charts in page order (`allCharts`), inlined in their workload's section. */
  charts?: readonly RenderedChart[];
  /** Footer line naming the generator (`mpsbench 0.1.0`); no timestamps, so output is reproducible. */
  generator?: string;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** Escaped prose with Markdown-style `code` spans turned into <code> elements. */
function prose(text: string): string {
  return escapeXml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** One table cell: link, effective flag (class and tooltip) and sort key. */
function td(cell: Cell, col: Column | undefined): string {
  const cls = [col?.align === 'right' ? 'num' : '', cell.effective === undefined ? '' : 'effective'].filter((c) => c !== '').join(' ');
  const attrs = [
    cls === '' ? '' : ` class="${cls}"`,
    cell.sort === undefined || !Number.isFinite(cell.sort) ? '' : ` data-sort="${cell.sort}"`,
    cell.effective === undefined ? '' : ` title="${escapeXml(cell.effective)}"`,
    col === undefined ? '' : ` data-label="${escapeXml(col.header)}"`,
  ].join('');
  const text = cell.href === undefined ? escapeXml(cell.text) : `<a href="${escapeXml(cell.href)}">${escapeXml(cell.text)}</a>`;
  const raw = cell.html ?? text;
  return `<td${attrs}>${raw}</td>`;
}

/** A sortable table: header buttons, `num` cells right-aligned with `data-sort` keys. */
export function htmlTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], cls = ''): string {
  const thCls = (c: Column): string => (c.align === 'right' ? ' class="num"' : '');
  const head = columns.map((c) => `<th scope="col"${thCls(c)}><button type="button">${escapeXml(c.header)}</button></th>`);
  const body = rows.map((r) => `<tr>${r.map((cell, i) => td(cell, columns[i])).join('')}</tr>`);
  return `<div class="table-wrap${cls === '' ? '' : ` ${cls}`}"><table class="sortable"><thead><tr>${head.join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

/** Columns from plain headers; `right` marks numeric columns. */
function columns(headers: readonly string[], right: readonly number[] = []): Column[] {
  return headers.map((h, i) => ({ id: h, header: h, align: right.includes(i) ? 'right' : 'left' }));
}

/** The overview: systems, speed-ups, best throughput, claims, and links to the details. */
function overview(cmp: Comparison): string[] {
  const o = overviewOf(cmp);
  const best = bestTable(o.bests);
  const claims = claimLines(checkClaims(cmp)).map((c) => `<li><strong>${escapeXml(c.claim)}</strong> ${escapeXml(c.finding)}</li>`);
  const links = [...byWorkload(cmp.cases).keys()].map((w) => `<a href="#w-${slugify(w)}">${escapeXml(w)}</a>`);
  return [
    '<section id="overview" class="overview">',
    '<h2>Overview</h2>',
    o.speedups.length === 0
      ? '<p>No GPU path has a CPU baseline on its own machine in these files, so no speed-up is shown.</p>'
      : `<h3>Speed-up of each GPU path over its own machine’s CPU</h3>${htmlTable(columns(SPEEDUP_HEADERS, [3, 6]), speedupRows(o.speedups), 'compact')}<p class="note">${escapeXml(speedupBasis(o.speedups))}</p>`,
    `<h3>Best throughput per chip</h3>${htmlTable(columns(best.headers), best.rows, 'compact')}`,
    `<aside class="claims" aria-label="Claims"><h3>Claims checked</h3><ul>${claims.join('')}</ul></aside>`,
    `<h3>Systems</h3>${htmlTable(columns(SYSTEM_HEADERS), systemRows(cmp.systems), 'compact')}`,
    `<p class="muted">Charts and every case’s table: ${links.join(' · ')} · <a href="#method">method</a> · <a href="#peaks">peaks</a> · <a href="#sources">sources</a> · <a href="#inputs">inputs</a></p>`,
    '</section>',
  ];
}

/** The workload sections: charts, then every case's table folded. */
function workloadSections(cmp: Comparison, charts: readonly RenderedChart[]): string[] {
  const out: string[] = [];
  for (const [workload, tables] of byWorkload(cmp.cases)) {
    const figs = charts.filter((c) => c.workload === workload).map((c) => `<figure id="f-${slugify(c.name.replace(/\.svg$/, ''))}">${c.svg}</figure>`);
    out.push(
      `<section id="w-${slugify(workload)}"><h2>${escapeXml(workload)}</h2>`,
      figs.length > 0 ? `<div class="charts">${figs.join('\n')}</div>` : '',
      `<details class="cases"><summary>Every ${escapeXml(workload)} case’s table (${tables.length})</summary>`,
    );
    for (const t of tables) {
      out.push(`<article id="${caseAnchor(t.spec)}"><h3><code>${escapeXml(t.spec)}</code></h3>`, htmlTable(caseColumns(t), caseCells(t)), '</article>');
    }
    out.push('</details></section>');
  }
  return out;
}

/** The roofline section: per chip its chart and, as its text alternative, the table of its points. */
function rooflineSection(cmp: Comparison): string[] {
  const chips = rooflineCharts(cmp);
  if (chips.length === 0) return [];
  const out = ['<section id="roofline"><h2>Roofline</h2>', `<p class="muted">${prose(ROOFLINE_NOTE)}</p>`];
  for (const c of chips) {
    const id = slugify(c.chart.name.replace(/\.svg$/, ''));
    out.push(
      `<figure id="f-${id}" class="roofline" aria-describedby="t-${id}">${c.chart.svg}</figure>`,
      `<details class="cases" id="t-${id}"><summary>The ${escapeXml(c.device)} roofline as a table (${c.entries.length} points)</summary>`,
      htmlTable(columns(ROOFLINE_HEADERS, [0, 3, 4, 5]), rooflineRows(c)),
      '</details>',
    );
  }
  out.push('</section>');
  return out;
}

/** The peaks table (source column links to the sources list) and the sources list. */
function peaksAndSources(cmp: Comparison): string[] {
  if (cmp.peaks.length === 0) return ['<section id="peaks"><h2>Peaks</h2><p>No row matched a known peak, so no percent of peak is shown.</p></section>', '<section id="sources"></section>'];
  const sources = sourcesOf(cmp);
  const rows = cmp.peaks.map((peak): Cell[] => {
    const r = peakRows([peak])[0] ?? [];
    const cites = citations(peak, sources);
    const html = cites.length === 0 ? 'measured in these files' : cites.map((c) => `<a href="#src-${escapeXml(c.id)}">[${c.n}]</a>`).join(' ');
    return [...r.map((text) => ({ text })), { text: '', html }];
  });
  const items = sources.map((s) => {
    const url = s.url === undefined ? '' : ` <a href="${escapeXml(s.url)}">${escapeXml(s.url)}</a>`;
    const note = s.note === undefined ? '' : `<br><span class="muted">${escapeXml(s.note)}</span>`;
    return `<li id="src-${escapeXml(s.id)}">${escapeXml(s.title)}.${url}${note}</li>`;
  });
  return [
    `<section id="peaks"><h2>Peaks</h2>${htmlTable(columns(PEAK_HEADERS, [1]), rows)}</section>`,
    `<section id="sources"><h2>Sources</h2><ol>${items.join('')}</ol></section>`,
  ];
}

/** Renders the whole page (ends with a newline). */
export function renderComparisonHtml(cmp: Comparison, opts: HtmlOptions = {}): string {
  const inputs = inputRows(cmp).map((r) => r.map((text): Cell => ({ text })));
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${TITLE}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head><body><main>',
    `<header><h1>${TITLE}</h1><p class="lede">${escapeXml(summaryLine(cmp))}</p></header>`,
    ...overview(cmp),
    ...rooflineSection(cmp),
    ...workloadSections(cmp, opts.charts ?? []),
    '<section id="method"><h2>Method</h2>',
    ...methodNotes(cmp).map((p) => `<p class="muted">${prose(p)}</p>`),
    '</section>',
    ...peaksAndSources(cmp),
    '<section id="inputs"><h2>Inputs</h2>',
    htmlTable(columns(INPUT_HEADERS, [4]), inputs),
    '</section>',
    opts.generator === undefined ? '' : `<p class="muted">Generated by ${escapeXml(opts.generator)}.</p>`,
    `</main><script>${PAGE_JS}</script></body></html>`,
  ].join('\n') + '\n';
}
