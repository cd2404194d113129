/**
 * What every chart of the comparison page shares, so a new chart type (a roofline) is one more
 * file beside the bar and line charts: the design width and type sizes (chosen so text renders at
 * ≥ 11 px when the SVG is scaled to a 366 px phone column), one colour per backend for the whole
 * page (Okabe–Ito, colour-blind safe, distinct in greyscale print together with the per-chip
 * marks), a text-width estimate for wrapping and shortening, and linear/log axis scales.
 */
import { escapeXml, num } from './escape.js';

/** viewBox width of every chart. At 366 px (a 390 px phone) a 13-unit font renders at 11.3 px. */
export const CHART_W = 420;
/** Smallest font size used in any chart (viewBox units). */
export const FONT = 13;
/** Title font size. */
export const TITLE_FONT = 15;
export const PAD = 8;
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Okabe–Ito palette (black last): distinguishable with colour-blindness and in print. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];

/** Backends in a fixed colour order, so `cuda` has the same colour on every page. */
const KNOWN_BACKENDS = ['cuda', 'cpu', 'torch-cuda', 'torch-cpu', 'mps', 'torch-mps', 'tf-cpu', 'tf-gpu'];

/** The colour of a backend: fixed for known ones, else by a stable hash of the name. */
export function backendColour(backend: string): string {
  const i = KNOWN_BACKENDS.indexOf(backend);
  if (i >= 0) return PALETTE[i % PALETTE.length] ?? '#000';
  let h = 0;
  for (let j = 0; j < backend.length; j++) h = (h * 31 + backend.charCodeAt(j)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? '#000';
}

/** Estimated rendered width of `text` at `size` (system sans: ~0.6 em a character, generous). */
export function textWidth(text: string, size = FONT): number {
  return [...text].length * size * 0.6;
}

/** Cuts `text` with an ellipsis so it fits `width` at `size`. */
export function shorten(text: string, width: number, size = FONT): string {
  const max = Math.max(4, Math.floor(width / (size * 0.6)));
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Wraps `text` on spaces into lines that fit `width`; words longer than a line are shortened. */
export function wrap(text: string, width: number, size = FONT): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next, size) <= width) line = next;
    else {
      if (line !== '') lines.push(line);
      line = shorten(word, width, size);
    }
  }
  if (line !== '') lines.push(line);
  return lines.length === 0 ? [''] : lines;
}

/** `<text>` lines at (x, y), `lineHeight` apart, with the full text as a tooltip when cut. */
export function textLines(lines: readonly string[], full: string, x: number, y: number, attrs: string, lineHeight: number): string {
  const title = lines.join(' ') === full ? '' : `<title>${escapeXml(full)}</title>`;
  return lines
    .map((l, i) => `<text x="${num(x)}" y="${num(y + i * lineHeight)}" ${attrs}>${i === 0 ? title : ''}${escapeXml(l)}</text>`)
    .join('');
}

/** A value → position map with its tick values. */
export interface Scale {
  at: (v: number) => number;
  ticks: number[];
  log: boolean;
  /** Lowest value the axis shows (bars start here on a log axis). */
  min: number;
}

/** Whether values spanning `lo`–`hi` are drawn on a log axis (more than 30×). */
export function wantsLog(lo: number, hi: number): boolean {
  return lo > 0 && hi / lo > 30;
}

/** A step of 1, 2 or 5 × 10ⁿ that splits `max` into about four intervals. */
export function niceStep(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Linear scale from 0 to a round max ≥ `hi`, over pixels `p0`–`p1`. */
export function linearScale(hi: number, p0: number, p1: number): Scale {
  const step = niceStep(hi);
  const max = Math.max(step, Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let i = 0; i <= Math.round(max / step) && i <= 20; i++) ticks.push(i * step);
  return { at: (v) => p0 + ((p1 - p0) * Math.max(0, Math.min(v, max))) / max, ticks, log: false, min: 0 };
}

/** Log scale over whole decades around `lo`–`hi` (ticks at 1, and 3 when few decades). */
export function logScale(lo: number, hi: number, p0: number, p1: number): Scale {
  const a = Math.floor(Math.log10(lo));
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
  const decades = Math.min(b - a, 40);
  const ticks: number[] = [];
  for (let e = a; e <= a + decades; e++) {
    ticks.push(10 ** e);
    if (decades <= 3 && e < a + decades) ticks.push(3 * 10 ** e);
  }
  const at = (v: number): number => p0 + ((p1 - p0) * (Math.log10(Math.max(v, 10 ** a)) - a)) / decades;
  return { at, ticks, log: true, min: 10 ** a };
}

/** A log-2 scale for sweep axes whose values are powers of two, else log-10 or linear. */
export function axisScale(values: readonly number[], p0: number, p1: number): Scale {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!(lo > 0) || hi / lo < 8) {
    const s = linearScale(hi, p0, p1);
    return { ...s, ticks: [...values] };
  }
  const l0 = Math.log2(lo);
  const span = Math.max(1e-9, Math.log2(hi) - l0);
  return { at: (v) => p0 + ((p1 - p0) * (Math.log2(v) - l0)) / span, ticks: [...values], log: true, min: lo };
}

/** Short SI text for tick labels: 1.5k, 20M, 3G, 1T. */
export function siShort(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const units: [number, string][] = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ']];
  for (const [f, u] of units) {
    if (Math.abs(v) >= f) {
      const x = v / f;
      return `${Number(x.toPrecision(x >= 100 ? 3 : 2))}${u}`;
    }
  }
  return v.toExponential(0);
}

/** Legend items wrapped into rows that fit `width`; returns the markup and its height. */
export function legendRows(items: readonly { label: string; swatch: string }[], x0: number, y0: number, width: number): { svg: string; height: number } {
  const row = FONT + 7;
  let x = 0;
  let y = 0;
  const parts = items.map((it) => {
    const label = shorten(it.label, width - 22);
    const w = 22 + textWidth(label) + 12;
    if (x > 0 && x + w > width) {
      x = 0;
      y += row;
    }
    const g = `<g transform="translate(${num(x0 + x)} ${num(y0 + y)})">${it.swatch}<text x="20" y="11" font-size="${FONT}">${label === it.label ? '' : `<title>${escapeXml(it.label)}</title>`}${escapeXml(label)}</text></g>`;
    x += w;
    return g;
  });
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: items.length === 0 ? 0 : y + row };
}

/** The opening of a chart document: viewBox sized, scales with CSS, white background, title. */
export function chartOpen(kind: string, title: string, height: number): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${kind}" viewBox="0 0 ${CHART_W} ${num(height)}" width="${CHART_W}" height="${num(height)}" role="img" aria-label="${escapeXml(title)}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${CHART_W}" height="${num(height)}" fill="#fff"/>`,
  ].join('\n');
}

/** The title (wrapped, bold) and subtitle (wrapped, muted) block; returns markup and its height. */
export function heading(title: string, subtitle: string | undefined): { svg: string; height: number } {
  const width = CHART_W - 2 * PAD;
  const t = wrap(title, width, TITLE_FONT);
  const s = subtitle === undefined ? [] : wrap(subtitle, width, FONT);
  const th = TITLE_FONT + 4;
  const sh = FONT + 4;
  const svg =
    textLines(t, title, PAD, PAD + TITLE_FONT, `font-size="${TITLE_FONT}" font-weight="600"`, th) +
    (subtitle === undefined ? '' : textLines(s, subtitle, PAD, PAD + t.length * th + FONT, `font-size="${FONT}" fill="#444"`, sh));
  return { svg, height: PAD + t.length * th + s.length * sh + 6 };
}
