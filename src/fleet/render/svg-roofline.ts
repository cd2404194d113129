/**
 * A roofline chart as an SVG string: log-log, x = arithmetic intensity (FLOP/byte), y = achieved
 * FLOP/s; one horizontal compute roof per dtype (dtypes with the same peak share a line and a
 * label), the bandwidth roof as the diagonal y = bandwidth × x, one point per case and backend
 * (colour per backend, a number per case keyed to the table beside the chart, a tooltip each).
 * Cases that do no arithmetic (bandwidth copy) are drawn at the left edge on a short dashed
 * diagonal of their achieved bytes/s, parallel to the roof. Pure and deterministic; values that
 * are not positive and finite are left out, and the axes are bounded, so it never throws.
 */
import { CHART_W, FONT, PAD, chartOpen, heading, legendRows, logScale, siShort, textWidth, type Scale } from './chart-kit.js';
import { chipMark, marker } from './chart-marks.js';
import { escapeXml, num } from './escape.js';

/** One point: `n` numbers its case, `label` is the tooltip; `bytesPerS` set (and `y` ignored) for a copy case. */
export interface RoofPoint {
  n: number;
  label: string;
  x: number;
  y: number;
  colour: string;
  backend: string;
  /** Marker shape (0–3: circle, square, triangle, diamond), one per workload. */
  shape: number;
  bytesPerS?: number;
}

/** A roofline to draw. */
export interface RooflineChart {
  id: string;
  title: string;
  subtitle?: string;
  /** Compute roofs, FLOP/s, labelled by dtype. */
  compute: { dtype: string; value: number }[];
  bandwidth?: { value: number; label: string };
  points: RoofPoint[];
  /** Legend: one entry per backend (colour) and per workload (shape). */
  backends: { label: string; colour: string }[];
  workloads: { label: string; shape: number }[];
  formatFlops: (v: number) => string;
  formatBytes: (v: number) => string;
}

const LEFT = 46;
const RIGHT = 14;
const PLOT_H = 330;
/** Axis values are kept within these bounds whatever the input holds. */
const X_BOUNDS = [1e-6, 1e9] as const;
const Y_BOUNDS = [1, 1e21] as const;
/** White outline under text drawn over points and lines. */
const HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

/** Workload shapes: the four chip markers, then an inverted triangle and a ring. */
export const SHAPES = 6;

/** A point marker of `shape` (0–5) at (x, y). */
function shapeMark(shape: number, x: number, y: number, colour: string, inner = '', cls = 'point'): string {
  const c = cls === '' ? '' : ` class="${cls}"`;
  if (shape % SHAPES === 4) return `<path${c} d="M${num(x - 5)} ${num(y - 4)}L${num(x + 5)} ${num(y - 4)}L${num(x)} ${num(y + 5)}Z" fill="${colour}">${inner}</path>`;
  if (shape % SHAPES === 5) return `<circle${c} cx="${num(x)}" cy="${num(y)}" r="3.5" fill="#fff" stroke="${colour}" stroke-width="2">${inner}</circle>`;
  return marker(chipMark(shape % SHAPES), x, y, colour, inner, cls);
}

/** The positive finite values of a list. */
function good(values: readonly (number | undefined)[]): number[] {
  return values.filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
}

/** `lo`/`hi` of values, padded by `pad`×, clamped to `bounds`, at least a decade apart. */
function span(values: readonly number[], pad: number, bounds: readonly [number, number], fallback: [number, number]): [number, number] {
  const [a, b] = values.length === 0 ? fallback : [Math.min(...values) / pad, Math.max(...values) * pad];
  const lo = Math.min(Math.max(a, bounds[0]), bounds[1] / 10);
  return [lo, Math.min(Math.max(b, lo * 10), bounds[1])];
}

/** Tick text for intensities: 0.01, 0.1, 1, 10, 100, 1k. */
function xTick(v: number): string {
  return v >= 1000 ? siShort(v) : String(Number(v.toPrecision(2)));
}

/** Grid lines and tick labels of both axes. */
function axes(xs: Scale, ys: Scale, top: number, bottom: number, xEnd: number): string {
  const parts: string[] = [];
  let lastY = Infinity;
  for (const t of ys.ticks) {
    const y = ys.at(t);
    parts.push(`<line x1="${LEFT}" y1="${num(y)}" x2="${xEnd}" y2="${num(y)}" stroke="#e4e4e4"/>`);
    if (lastY - y < FONT + 4) continue;
    lastY = y;
    parts.push(`<text x="${LEFT - 4}" y="${num(y + FONT / 3)}" text-anchor="end" font-size="${FONT}" fill="#444">${escapeXml(siShort(t))}</text>`);
  }
  let lastRight = -Infinity;
  for (const t of xs.ticks) {
    const x = xs.at(t);
    parts.push(`<line x1="${num(x)}" y1="${top}" x2="${num(x)}" y2="${bottom}" stroke="#eee"/>`);
    const text = xTick(t);
    const half = textWidth(text) / 2;
    if (x - half < lastRight + 3 || x + half > CHART_W - 2) continue;
    lastRight = x + half;
    parts.push(`<text x="${num(x)}" y="${bottom + FONT + 5}" text-anchor="middle" font-size="${FONT}" fill="#444">${escapeXml(text)}</text>`);
  }
  parts.push(`<rect x="${LEFT}" y="${top}" width="${xEnd - LEFT}" height="${bottom - top}" fill="none" stroke="#999"/>`);
  return `<g class="grid">${parts.join('')}</g>`;
}

/** A box: left, top, right, bottom. */
type Box = [number, number, number, number];

/** The compute roofs (horizontal, from the ridge point rightwards) and the bandwidth diagonal; labels apart, with the boxes they take. */
function roofs(chart: RooflineChart, xs: Scale, ys: Scale, xMax: number, top: number): { svg: string; labels: string; boxes: Box[] } {
  const bw = chart.bandwidth?.value;
  const groups = new Map<number, string[]>();
  for (const c of chart.compute) groups.set(c.value, [...(groups.get(c.value) ?? []), c.dtype]);
  const parts: string[] = [];
  const labels: string[] = [];
  const boxes: Box[] = [];
  const xEnd = xs.at(xMax);
  for (const [value, dtypes] of [...groups].sort((a, b) => a[0] - b[0])) {
    const y = ys.at(value);
    const x0 = bw === undefined ? LEFT : Math.max(LEFT, xs.at(value / bw));
    const text = `${dtypes.join(', ')} ${chart.formatFlops(value)}`;
    parts.push(`<line class="roof roof-compute" x1="${num(x0)}" y1="${num(y)}" x2="${num(xEnd)}" y2="${num(y)}" stroke="#333" stroke-width="2"><title>${escapeXml(`compute roof ${text}`)}</title></line>`);
    const ly = Math.max(top + FONT, y - 4);
    labels.push(`<text class="roof-label" x="${num(xEnd - 4)}" y="${num(ly)}" text-anchor="end" font-size="${FONT}" fill="#111" ${HALO}>${escapeXml(text)}</text>`);
    boxes.push([xEnd - 4 - textWidth(text), ly - FONT, xEnd - 4, ly + 2]);
  }
  if (bw !== undefined && chart.bandwidth !== undefined) {
    const peak = Math.max(0, ...groups.keys());
    const xRidge = peak > 0 ? Math.min(xMax, peak / bw) : xMax;
    const [x1, y1, x2, y2] = [xs.at(xs.min), ys.at(bw * xs.min), xs.at(xRidge), ys.at(bw * xRidge)];
    const text = `${chart.formatBytes(bw)} ${chart.bandwidth.label}`;
    parts.push(`<line class="roof roof-bandwidth" x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="#333" stroke-width="2"><title>${escapeXml(`bandwidth roof ${text}`)}</title></line>`);
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const w = textWidth(text);
    const lx = x1 + (x2 - x1) * 0.2;
    const ly = y1 + (y2 - y1) * 0.2 - 6;
    labels.push(`<text class="roof-label" transform="translate(${num(lx)} ${num(ly)}) rotate(${num((angle * 180) / Math.PI)})" font-size="${FONT}" fill="#111" ${HALO}>${escapeXml(text)}</text>`);
    const [dx, dy] = [w * Math.cos(angle), w * Math.sin(angle)];
    boxes.push([Math.min(lx, lx + dx) - 2, Math.min(ly, ly + dy) - FONT, Math.max(lx, lx + dx) + 2, Math.max(ly, ly + dy) + 2]);
  }
  return { svg: `<g class="roofs" clip-path="url(#${chart.id}-clip)">${parts.join('')}</g>`, labels: `<g class="roof-labels">${labels.join('')}</g>`, boxes };
}

/** Whether a label box comes within `g` units (sideways) of any placed box. */
function collides(box: Box, placed: readonly Box[], g = 0): boolean {
  return placed.some((b) => box[0] - g < b[2] && box[2] + g > b[0] && box[1] < b[3] && box[3] > b[1]);
}

/**
 * Points, copy cases' achieved-bandwidth segments, and one number label per case where one fits
 * clear of every other label and point (the rest keep their tooltip and their table row).
 */
function points(chart: RooflineChart, xs: Scale, ys: Scale, frame: Box, reserved: readonly Box[]): { svg: string; labelled: number } {
  const [, top, xEnd, bottom] = frame;
  const parts: string[] = [];
  const anchors = new Map<number, { x: number; y: number }>();
  const placed: Box[] = [];
  const labelBoxes: Box[] = [...reserved];
  for (const p of chart.points) {
    const copy = p.bytesPerS !== undefined;
    const x = copy ? xs.min : p.x;
    const y = copy ? (p.bytesPerS ?? 0) * xs.min : p.y;
    if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) continue;
    const [px, py] = [xs.at(x), ys.at(y)];
    if (copy) {
      const x2 = x * 10 ** 0.6;
      parts.push(`<line class="bw-achieved" x1="${num(px)}" y1="${num(py)}" x2="${num(xs.at(x2))}" y2="${num(ys.at((p.bytesPerS ?? 0) * x2))}" stroke="${p.colour}" stroke-width="2" stroke-dasharray="4 3"/>`);
    }
    const inner = `<title>${escapeXml(`${p.n}. ${p.label}`)}</title>`;
    parts.push(shapeMark(p.shape, px, py, p.colour, inner).replace(/^<(\w+) class="point"/, `<$1 class="point" data-case="${p.n}" data-backend="${escapeXml(p.backend)}"`));
    placed.push([px - 5, py - 5, px + 5, py + 5]);
    const a = anchors.get(p.n);
    if (a === undefined || py < a.y) anchors.set(p.n, { x: px, y: py });
  }
  const labels: string[] = [];
  // cases of workloads with few points first, so a lone attention case is not crowded out by a matmul sweep
  const crowd = (shape: number): number => chart.points.filter((p) => p.shape === shape).length;
  const shapeOf = new Map(chart.points.map((p) => [p.n, p.shape]));
  const order = [...anchors].sort((a, b) => crowd(shapeOf.get(a[0]) ?? 0) - crowd(shapeOf.get(b[0]) ?? 0) || a[0] - b[0]);
  for (const [n, a] of order) {
    const w = textWidth(String(n));
    const tries: [number, number][] = [[a.x + 6, a.y - 6], [a.x - 6 - w, a.y - 6], [a.x - w / 2, a.y - 8], [a.x - w / 2, a.y + 6 + FONT], [a.x + 6, a.y + FONT], [a.x - 6 - w, a.y + FONT]];
    const fits = tries.map(([x, y]): Box => [x, y - FONT + 2, x + w, y + 1]).filter((b) => b[0] >= LEFT + 1 && b[2] <= xEnd - 1 && b[1] >= top && b[3] <= bottom);
    // 3 units between labels, so "43" and "61" side by side never read as "4361"
    const box = fits.find((b) => !collides(b, placed) && !collides(b, labelBoxes, 3));
    if (box === undefined) continue;
    labelBoxes.push(box);
    labels.push(`<text class="point-label" x="${num(box[0])}" y="${num(box[3] - 1)}" font-size="${FONT}" fill="#111" ${HALO}>${n}</text>`);
  }
  return { svg: `<g class="points">${parts.join('')}</g><g class="point-labels">${labels.join('')}</g>`, labelled: labels.length };
}

/** Whether `v` is positive, finite and within `bounds`. */
function within(v: number | undefined, bounds: readonly [number, number]): v is number {
  return v !== undefined && Number.isFinite(v) && v >= bounds[0] && v <= bounds[1];
}

/** The chart with every roof and point outside the axis bounds (NaN, 0, negative, huge) left out. */
function sane(chart: RooflineChart): RooflineChart {
  const out: RooflineChart = {
    ...chart,
    compute: chart.compute.filter((c) => within(c.value, Y_BOUNDS)),
    points: chart.points.filter((p) => (p.bytesPerS === undefined ? within(p.x, X_BOUNDS) && within(p.y, Y_BOUNDS) : within(p.bytesPerS, Y_BOUNDS))),
  };
  if (!within(chart.bandwidth?.value, Y_BOUNDS)) delete out.bandwidth;
  return out;
}

/** Renders `chart` as a standalone SVG document (ends with a newline); out-of-bounds values are left out. */
export function renderRoofline(input: RooflineChart): string {
  const chart = sane(input);
  const head = heading(chart.title, chart.subtitle);
  const items = [
    ...chart.backends.map((b) => ({ label: b.label, swatch: `<rect x="1" y="0" width="12" height="12" fill="${b.colour}"/>` })),
    ...chart.workloads.map((w) => ({ label: w.label, swatch: shapeMark(w.shape, 7, 6, '#666', '', '') })),
  ];
  if (chart.points.some((p) => p.bytesPerS !== undefined)) items.push({ label: 'copy: achieved bytes/s', swatch: '<line x1="0" y1="10" x2="16" y2="2" stroke="#666" stroke-width="2" stroke-dasharray="4 3"/>' });
  const legend = legendRows(items, PAD, head.height, CHART_W - 2 * PAD);
  const top = head.height + legend.height + 16 + FONT;
  const bottom = top + PLOT_H;
  const xEnd = CHART_W - RIGHT;
  const bw = good([chart.bandwidth?.value])[0];
  const peaks = good(chart.compute.map((c) => c.value));
  const flopPoints = chart.points.filter((p) => p.bytesPerS === undefined);
  const xVals = good([...flopPoints.map((p) => p.x), ...(bw === undefined ? [] : peaks.map((v) => v / bw))]);
  const [x0, x1] = span(xVals, 3, X_BOUNDS, [0.1, 100]);
  const xs = logScale(x0, x1, LEFT, xEnd);
  const xMax = xs.ticks[xs.ticks.length - 1] ?? x1;
  const copies = good(chart.points.map((p) => p.bytesPerS)).map((b) => b * xs.min);
  const [y0, y1] = span(good([...flopPoints.map((p) => p.y), ...peaks, ...copies, bw === undefined ? undefined : bw * xs.min]), 2, Y_BOUNDS, [1e9, 1e12]);
  const ys = logScale(y0, y1, bottom, top);
  const total = bottom + 2 * FONT + 16;
  const roof = roofs(chart, xs, ys, xMax, top);
  const marks = points(chart, xs, ys, [LEFT, top, xEnd, bottom], roof.boxes);
  const clip = `<defs><clipPath id="${chart.id}-clip"><rect x="${LEFT}" y="${top}" width="${xEnd - LEFT}" height="${PLOT_H}"/></clipPath></defs>`;
  return [
    chartOpen('roofline', chart.title, total),
    clip,
    head.svg,
    legend.svg,
    `<text x="${PAD}" y="${top - FONT + 1}" font-size="${FONT}" fill="#444">achieved FLOP/s, log scale</text>`,
    axes(xs, ys, top, bottom, xEnd),
    `<text x="${xEnd}" y="${bottom + 2 * FONT + 9}" text-anchor="end" font-size="${FONT}" fill="#444">arithmetic intensity, FLOP/byte (log scale)</text>`,
    roof.svg,
    marks.svg,
    roof.labels,
    '</svg>',
  ].join('\n') + '\n';
}
