/**
 * Text that comes from a runner (its stderr, its error messages, the strings in its hello) is
 * cleaned once, where it enters mpsbench, so no terminal escape or control byte reaches the
 * console, the result JSON or the Markdown: ANSI/VT sequences are removed (Node's own
 * `stripVTControlCharacters`), every other C0/C1 control and DEL becomes U+FFFD; newlines and tabs
 * are kept only in multi-line text (stderr tails).
 */
import { stripVTControlCharacters } from 'node:util';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` without escape sequences or control bytes; `multiline` keeps `\n` and `\t`. */
export function cleanText(text: string, multiline = false): string {
  return stripVTControlCharacters(text).replace(multiline ? CONTROLS : CONTROLS_AND_BREAKS, '\uFFFD');
}

/** A JSON value with every string (keys included) cleaned; depth beyond 16 is cut to null. */
export function cleanTree(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= 16) return null;
  if (Array.isArray(value)) return value.map((v) => cleanTree(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanTree(v, depth + 1)]));
}
