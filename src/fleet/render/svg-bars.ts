/**
 * A horizontal grouped bar chart as a hand-written SVG string: one group per row label (a chip,
 * or a chip · backend), one bar per series (a backend, or a baseline), value labels at the bar
 * ends, a light grid and an optional reference line (1× on speed-up charts). Horizontal bars keep
 * long chip names readable and let the chart grow downwards, which suits phones and print.
 * Pure and deterministic, so charts are snapshot-tested; no dependency, no script, no fonts.
 */
import { escapeXml, num } from './escape.js';

/** A chart to draw. `values[i]` belongs to `series[i]`; undefined draws no bar. */
export interface BarChart {
  title: string;
  subtitle?: string;
  series: string[];
  groups: { label: string; values: (number | undefined)[] }[];
  format: (value: number) => string;
  /** Draws a dashed vertical line at this value (e.g. 1 for "as fast as the CPU"). */
  reference?: { value: number; label: string };
}

/** Okabe–Ito palette: distinguishable with colour-blindness and in greyscale print. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const W = 720;
const PAD = 8;
const LABEL_W = 214;
const X0 = LABEL_W + 10;
const X1 = W - 96;
const BAR_H = 14;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const TOP = 74;

/** A step of 1, 2 or 5 × 10ⁿ that splits `max` into about four intervals. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Cuts a label to `max` characters with an ellipsis. */
function clip(label: string, max = 32): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** The legend row: a swatch and a name per series. */
function legend(series: readonly string[]): string {
  let x = 0;
  const items = series.map((s, i) => {
    const item = `<g transform="translate(${num(x)} 0)"><rect width="12" height="12" fill="${PALETTE[i % PALETTE.length] ?? '#000'}"/><text x="16" y="10">${escapeXml(s)}</text></g>`;
    x += 28 + s.length * 7;
    return item;
  });
  return `<g class="legend" transform="translate(${PAD} 42)" font-size="12">${items.join('')}</g>`;
}

/** Grid lines with tick labels, and the reference line, over a plot of `height`. */
function grid(max: number, step: number, height: number, chart: BarChart): string {
  const scale = (v: number): number => X0 + ((X1 - X0) * v) / max;
  const lines: string[] = [];
  for (let v = 0; v <= max + step / 1e6; v += step) {
    const x = num(scale(v));
    lines.push(`<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${num(TOP + height)}" stroke="#ddd"/>`);
    lines.push(`<text x="${x}" y="${num(TOP + height + 14)}" text-anchor="middle" font-size="11" fill="#555">${escapeXml(chart.format(v))}</text>`);
  }
  const ref = chart.reference;
  if (ref !== undefined && ref.value <= max) {
    const x = num(scale(ref.value));
    lines.push(`<line class="reference" x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${num(TOP + height)}" stroke="#c00" stroke-dasharray="4 3"/>`);
    lines.push(`<text x="${x}" y="${TOP - 9}" text-anchor="middle" font-size="10" fill="#c00">${escapeXml(ref.label)}</text>`);
  }
  return `<g class="grid">${lines.join('')}</g>`;
}

/** The bars a group draws: series index and value, skipping missing values (no empty slots). */
function present(g: BarChart['groups'][number]): [number, number][] {
  return g.values.flatMap((v, i): [number, number][] => (v === undefined || !Number.isFinite(v) ? [] : [[i, v]]));
}

/** Height of a group with `bars` bars (at least one slot, so an empty group keeps its label). */
function groupHeight(bars: number): number {
  return Math.max(1, bars) * (BAR_H + BAR_GAP) - BAR_GAP;
}

/** One group: its label and its bars, starting at `y`. */
function group(chart: BarChart, g: BarChart['groups'][number], y: number, max: number): string {
  const parts = [`<text x="${LABEL_W}" y="${num(y + BAR_H - 3)}" text-anchor="end" font-size="12"><title>${escapeXml(g.label)}</title>${escapeXml(clip(g.label))}</text>`];
  present(g).forEach(([i, v], slot) => {
    const by = y + slot * (BAR_H + BAR_GAP);
    const w = Math.max(1, ((X1 - X0) * v) / max);
    const name = chart.series[i] ?? '';
    const text = chart.format(v);
    parts.push(
      `<rect class="bar" data-series="${escapeXml(name)}" x="${X0}" y="${num(by)}" width="${num(w)}" height="${BAR_H}" fill="${PALETTE[i % PALETTE.length] ?? '#000'}"><title>${escapeXml(`${g.label} · ${name}: ${text}`)}</title></rect>`,
      `<text x="${num(X0 + w + 4)}" y="${num(by + BAR_H - 3)}" font-size="11">${escapeXml(text)}</text>`,
    );
  });
  return parts.join('');
}

/** Renders `chart` as a standalone SVG document (no XML declaration, ends with a newline). */
export function renderBarChart(chart: BarChart): string {
  const all = chart.groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
  const step = niceStep(Math.max(0, ...all, chart.reference?.value ?? 0));
  const max = Math.max(step, Math.ceil(Math.max(0, ...all) / step) * step);
  let y = TOP;
  const body = chart.groups.map((g) => {
    const svg = group(chart, g, y, max);
    y += groupHeight(present(g).length) + GROUP_GAP;
    return svg;
  });
  const height = y - TOP;
  const total = TOP + height + 24;
  const sub = chart.subtitle === undefined ? '' : `<text x="${PAD}" y="34" font-size="12" fill="#555">${escapeXml(chart.subtitle)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${num(total)}" width="${W}" height="${num(total)}" role="img" aria-label="${escapeXml(chart.title)}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${W}" height="${num(total)}" fill="#fff"/>`,
    `<text x="${PAD}" y="18" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
    sub,
    legend(chart.series),
    grid(max, step, height, chart),
    `<g class="bars">${body.join('')}</g>`,
    '</svg>',
  ].join('\n') + '\n';
}
