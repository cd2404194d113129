/**
 * A line chart as an SVG string, for sweeps: throughput against the swept parameter, one line
 * per chip × backend (colour per backend, dash and marker per chip), log axes where the values
 * span decades (the x axis in powers of two when the parameter doubles), a tooltip on every
 * point. Pure and deterministic; no dependency, script or font.
 */
import { CHART_W, FONT, PAD, axisScale, chartOpen, heading, legendRows, linearScale, logScale, siShort, textWidth, wantsLog, type Scale } from './chart-kit.js';
import { chipMark, marker, swatch, type ChipMark } from './chart-marks.js';
import { escapeXml, num } from './escape.js';

/** One line: legend label, colour, chip mark and points (x ascending). */
export interface LineSeries {
  label: string;
  colour: string;
  mark?: ChipMark;
  points: { x: number; y: number }[];
}

/** A line chart to draw. */
export interface LineChart {
  id: string;
  title: string;
  subtitle?: string;
  /** x-axis caption (the swept parameter, `m=n=k`). */
  xLabel: string;
  /** y-axis caption (`FLOP/s`). */
  yUnit: string;
  series: LineSeries[];
  format: (value: number) => string;
}

const LEFT = 46;
const RIGHT = 14;
const PLOT_H = 210;

/** The finite, positive points of a series. */
function finite(s: LineSeries): { x: number; y: number }[] {
  return s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x > 0 && p.y > 0);
}

/** y scale over the plot (bottom → top): log when the values span more than 30×. */
function yScale(ys: readonly number[], top: number): Scale {
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  return ys.length > 0 && wantsLog(lo, hi) ? logScale(lo, hi, top + PLOT_H, top) : linearScale(Math.max(hi, 0), top + PLOT_H, top);
}

/** Horizontal grid and y tick labels. */
function yAxis(scale: Scale, top: number): string {
  return scale.ticks
    .map((t) => {
      const y = scale.at(t);
      return `<line x1="${LEFT}" y1="${num(y)}" x2="${CHART_W - RIGHT}" y2="${num(y)}" stroke="#ddd"/><text x="${LEFT - 4}" y="${num(y + FONT / 3)}" text-anchor="end" font-size="${FONT}" fill="#444">${escapeXml(siShort(t))}</text>`;
    })
    .join('') + `<line x1="${LEFT}" y1="${top}" x2="${LEFT}" y2="${top + PLOT_H}" stroke="#999"/>`;
}

/** x tick labels at the data values, skipping those that would overlap. */
function xAxis(scale: Scale, bottom: number, label: string): string {
  const parts: string[] = [];
  let lastRight = -Infinity;
  for (const t of [...new Set(scale.ticks)].sort((a, b) => a - b)) {
    const x = scale.at(t);
    const text = Number.isInteger(t) && t < 1e5 ? String(t) : siShort(t);
    const half = textWidth(text) / 2;
    parts.push(`<line x1="${num(x)}" y1="${bottom}" x2="${num(x)}" y2="${bottom + 4}" stroke="#999"/>`);
    if (x - half < lastRight + 3) continue;
    lastRight = x + half;
    parts.push(`<text x="${num(x)}" y="${bottom + FONT + 5}" text-anchor="middle" font-size="${FONT}" fill="#444">${escapeXml(text)}</text>`);
  }
  parts.push(`<line x1="${LEFT}" y1="${bottom}" x2="${CHART_W - RIGHT}" y2="${bottom}" stroke="#999"/>`);
  parts.push(`<text x="${CHART_W - RIGHT}" y="${bottom + 2 * FONT + 9}" text-anchor="end" font-size="${FONT}" fill="#444">${escapeXml(label)}</text>`);
  return parts.join('');
}

/** One series as a path plus markers with tooltips. */
function line(chart: LineChart, s: LineSeries, xs: Scale, ys: Scale): string {
  const pts = finite(s);
  const mark = s.mark ?? chipMark(0);
  const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(xs.at(p.x))} ${num(ys.at(p.y))}`).join('');
  const dash = mark.dash === '' ? '' : ` stroke-dasharray="${mark.dash}"`;
  const path = pts.length > 1 ? `<path class="line" d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>` : '';
  const dots = pts.map((p) => marker(mark, xs.at(p.x), ys.at(p.y), s.colour, `<title>${escapeXml(`${s.label} · ${chart.xLabel} ${p.x}: ${chart.format(p.y)}`)}</title>`));
  return `<g class="series" data-series="${escapeXml(s.label)}">${path}${dots.join('')}</g>`;
}

/** Renders `chart` as a standalone SVG document (ends with a newline). */
export function renderLineChart(chart: LineChart): string {
  const head = heading(chart.title, chart.subtitle);
  const legend = legendRows(
    chart.series.map((s) => ({ label: s.label, swatch: swatch(chart.id, s.mark ?? chipMark(0), s.colour, true) })),
    PAD,
    head.height,
    CHART_W - 2 * PAD,
  );
  const top = head.height + legend.height + 16 + FONT;
  const all = chart.series.flatMap(finite);
  const xs = axisScale(all.length === 0 ? [1] : [...new Set(all.map((p) => p.x))], LEFT + 10, CHART_W - RIGHT - 10);
  const ys = yScale(all.map((p) => p.y), top);
  const bottom = top + PLOT_H;
  const total = bottom + 2 * FONT + 16;
  const yCaption = `<text x="${PAD}" y="${top - FONT + 1}" font-size="${FONT}" fill="#444">${escapeXml(`${chart.yUnit}${ys.log ? ', log scale' : ''}`)}</text>`;
  return [
    chartOpen('lines', chart.title, total),
    head.svg,
    legend.svg,
    yCaption,
    `<g class="grid">${yAxis(ys, top)}${xAxis(xs, bottom, `${chart.xLabel}${xs.log ? ' (log scale)' : ''}`)}</g>`,
    `<g class="lines">${chart.series.map((s) => line(chart, s, xs, ys)).join('')}</g>`,
    '</svg>',
  ].join('\n') + '\n';
}
