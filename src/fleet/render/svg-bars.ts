/**
 * A horizontal grouped bar chart as an SVG string: one group per case (its label on its own line
 * above its bars, so long labels get the full width), one bar per series (chip × backend: colour
 * per backend, hatch per chip, named in the legend), the value at each bar's end, and a log axis
 * when the values span more than 30×. Horizontal bars grow downwards, which suits phones and print.
 * Pure and deterministic; no dependency, script or font.
 */
import { CHART_W, FONT, PAD, chartOpen, heading, legendRows, linearScale, logScale, siShort, textLines, textWidth, wantsLog, wrap, type Scale } from './chart-kit.js';
import { chipMark, hatch, hatchDefs, swatch, type ChipMark } from './chart-marks.js';
import { escapeXml, num } from './escape.js';

/** One series: its legend label, colour (per backend) and chip mark. */
export interface BarSeries {
  label: string;
  colour: string;
  mark?: ChipMark;
}

/** A chart to draw. `values[i]` belongs to `series[i]`; undefined draws no bar. */
export interface BarChart {
  /** Prefix of pattern ids, unique on the page (the chart's file name). */
  id: string;
  title: string;
  subtitle?: string;
  series: BarSeries[];
  groups: { label: string; values: (number | undefined)[] }[];
  format: (value: number) => string;
  /** Axis caption (`FLOP/s`). */
  unit: string;
  /** Draws a dashed line at this value (e.g. 1 for "as fast as the CPU"). */
  reference?: { value: number; label: string };
}

const BAR_H = 13;
const BAR_GAP = 3;
const GROUP_GAP = 10;
const VALUE_W = 92;
const X0 = PAD;
const X1 = CHART_W - PAD - VALUE_W;

/** The bars a group draws: series index and value, skipping missing values. */
function present(g: BarChart['groups'][number]): [number, number][] {
  return g.values.flatMap((v, i): [number, number][] => (v === undefined || !Number.isFinite(v) || v < 0 ? [] : [[i, v]]));
}

/** The value scale: log when the values span more than 30×. */
function scaleFor(chart: BarChart): Scale {
  const all = chart.groups.flatMap((g) => present(g).map(([, v]) => v)).filter((v) => v > 0);
  const lo = Math.min(...all, chart.reference?.value ?? Infinity);
  const hi = Math.max(...all, chart.reference?.value ?? 0, 0);
  return all.length > 0 && wantsLog(lo, hi) ? logScale(lo, hi, X0, X1) : linearScale(hi, X0, X1);
}

/** One group: its label lines and its bars from `y`; returns markup and height. */
function group(chart: BarChart, g: BarChart['groups'][number], y: number, scale: Scale): { svg: string; height: number } {
  const lines = wrap(g.label, CHART_W - 2 * PAD);
  const lh = FONT + 3;
  const parts = [textLines(lines, g.label, PAD, y + FONT, `font-size="${FONT}" fill="#222"`, lh)];
  let by = y + lines.length * lh + 4;
  for (const [i, v] of present(g)) {
    const s = chart.series[i];
    const x0 = scale.at(scale.min);
    const w = Math.max(1, scale.at(Math.max(v, scale.min)) - x0);
    const text = chart.format(v);
    const tip = `${g.label} · ${s?.label ?? ''}: ${text}`;
    parts.push(
      `<rect class="bar" data-series="${escapeXml(s?.label ?? '')}" x="${num(x0)}" y="${num(by)}" width="${num(w)}" height="${BAR_H}" fill="${s?.colour ?? '#000'}"><title>${escapeXml(tip)}</title></rect>`,
      s?.mark === undefined ? '' : hatch(chart.id, s.mark, x0, by, w, BAR_H),
      `<text x="${num(x0 + w + 4)}" y="${num(by + BAR_H - 2)}" font-size="${FONT}">${escapeXml(text)}</text>`,
    );
    by += BAR_H + BAR_GAP;
  }
  return { svg: parts.join(''), height: by - y + GROUP_GAP - BAR_GAP };
}

/** Grid lines and tick labels over the plot, the axis caption and the reference line. */
function axis(chart: BarChart, scale: Scale, top: number, bottom: number): string {
  const parts: string[] = [];
  let lastRight = -Infinity;
  for (const t of scale.ticks) {
    const x = scale.at(t);
    parts.push(`<line x1="${num(x)}" y1="${num(top)}" x2="${num(x)}" y2="${num(bottom)}" stroke="#ddd"/>`);
    const label = siShort(t);
    const half = textWidth(label) / 2;
    if (x - half < lastRight + 4 || x + half > CHART_W) continue;
    lastRight = x + half;
    const anchor = x - half < PAD ? 'start' : 'middle';
    parts.push(`<text x="${num(anchor === 'start' ? Math.max(x, 2) : x)}" y="${num(bottom + FONT + 3)}" text-anchor="${anchor}" font-size="${FONT}" fill="#444">${escapeXml(label)}</text>`);
  }
  parts.push(`<text x="${num(X1)}" y="${num(bottom + 2 * FONT + 7)}" text-anchor="end" font-size="${FONT}" fill="#444">${escapeXml(`${chart.unit}${scale.log ? ', log scale' : ''}`)}</text>`);
  const ref = chart.reference;
  if (ref !== undefined) {
    const x = scale.at(ref.value);
    parts.push(`<line class="reference" x1="${num(x)}" y1="${num(top)}" x2="${num(x)}" y2="${num(bottom)}" stroke="#c00" stroke-dasharray="4 3"/>`);
  }
  return `<g class="grid">${parts.join('')}</g>`;
}

/** Renders `chart` as a standalone SVG document (ends with a newline). */
export function renderBarChart(chart: BarChart): string {
  const head = heading(chart.title, chart.subtitle);
  const items = chart.series.map((s) => ({ label: s.label, swatch: swatch(chart.id, s.mark ?? chipMark(0), s.colour, false) }));
  if (chart.reference !== undefined) items.push({ label: chart.reference.label, swatch: '<line x1="7" y1="0" x2="7" y2="12" stroke="#c00" stroke-dasharray="4 3"/>' });
  const legend = legendRows(items, PAD, head.height, CHART_W - 2 * PAD);
  const top = head.height + legend.height + 6;
  const scale = scaleFor(chart);
  let y = top;
  const body = chart.groups.map((g) => {
    const r = group(chart, g, y, scale);
    y += r.height;
    return r.svg;
  });
  const total = y + 2 * FONT + 14;
  return [
    chartOpen('bars', chart.title, total),
    hatchDefs(chart.id),
    head.svg,
    legend.svg,
    axis(chart, scale, top, y),
    `<g class="bars">${body.join('')}</g>`,
    '</svg>',
  ].join('\n') + '\n';
}
