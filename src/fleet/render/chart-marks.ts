/**
 * Per-chip marks, so two chips with the same backend (and so the same colour) stay apart in
 * colour-blind viewing and greyscale print: bars get a hatch overlay, lines a dash pattern and a
 * marker shape. Mark 0 is plain.
 */
import { num } from './escape.js';

/** How chip `i` of a chart is marked. */
export interface ChipMark {
  index: number;
  dash: string;
}

const DASHES = ['', '7 4', '2 3', '9 3 2 3'];

/** The mark of the `i`-th chip of a chart. */
export function chipMark(i: number): ChipMark {
  return { index: i, dash: DASHES[i % DASHES.length] ?? '' };
}

/** Pattern definitions for the hatch overlays, ids prefixed so several SVGs can share a page. */
export function hatchDefs(prefix: string): string {
  return [
    '<defs>',
    `<pattern id="${prefix}-h1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="6" fill="#fff" fill-opacity=".75"/></pattern>`,
    `<pattern id="${prefix}-h2" width="5" height="5" patternUnits="userSpaceOnUse"><circle cx="2.5" cy="2.5" r="1.2" fill="#fff" fill-opacity=".8"/></pattern>`,
    `<pattern id="${prefix}-h3" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="2" fill="#fff" fill-opacity=".75"/></pattern>`,
    '</defs>',
  ].join('');
}

/** A hatch overlay over a bar for mark `m` (none for mark 0). */
export function hatch(prefix: string, m: ChipMark, x: number, y: number, w: number, h: number): string {
  const k = m.index % 4;
  return k === 0 ? '' : `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="url(#${prefix}-h${k})" pointer-events="none"/>`;
}

/** A point marker for mark `m` at (x, y): circle, square, triangle, diamond. */
export function marker(m: ChipMark, x: number, y: number, colour: string, inner = '', cls = 'point'): string {
  const r = 4;
  const c = cls === '' ? '' : ` class="${cls}"`;
  switch (m.index % 4) {
    case 1:
      return `<rect${c} x="${num(x - r)}" y="${num(y - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}">${inner}</rect>`;
    case 2:
      return `<path${c} d="M${num(x)} ${num(y - r - 1)}L${num(x + r + 1)} ${num(y + r)}L${num(x - r - 1)} ${num(y + r)}Z" fill="${colour}">${inner}</path>`;
    case 3:
      return `<path${c} d="M${num(x)} ${num(y - r - 1)}L${num(x + r + 1)} ${num(y)}L${num(x)} ${num(y + r + 1)}L${num(x - r - 1)} ${num(y)}Z" fill="${colour}">${inner}</path>`;
    default:
      return `<circle${c} cx="${num(x)}" cy="${num(y)}" r="${r}" fill="${colour}">${inner}</circle>`;
  }
}

/** A legend swatch: a bar-like square with the chip's hatch, or a line segment with its marker. */
export function swatch(prefix: string, m: ChipMark, colour: string, line: boolean): string {
  if (line) {
    const dash = m.dash === '' ? '' : ` stroke-dasharray="${m.dash}"`;
    return `<line x1="0" y1="6" x2="16" y2="6" stroke="${colour}" stroke-width="2"${dash}/>${marker(m, 8, 6, colour, '', '')}`;
  }
  return `<rect width="14" height="12" fill="${colour}"/>${hatch(prefix, m, 0, 0, 14, 12)}`;
}
