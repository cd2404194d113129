/** Safe names for files and labels derived from host and chip names. */

/**
 * Reduces a host or chip name to `[A-Za-z0-9._-]`, at most 64 characters, never empty and never
 * `.`/`..`, so it can be used in a file name without escaping the target directory.
 */
export function sanitizeName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents split off by NFKD: "ü" → "u", not "u-"
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64);
  return cleaned === '' ? 'unknown' : cleaned;
}

/** A UTC timestamp usable in file names: `20261126T153012Z`. */
export function fileStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
