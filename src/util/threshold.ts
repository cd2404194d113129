/**
 * The one rule for a regression threshold, whether it comes from a suite's `threshold:` or from
 * `compare --threshold`: a fraction in (0, 1] (`0.05`, `.05`) or a percentage in (0, 100] (`5%`,
 * `.5%`), so `5` (meant as 5%) is refused rather than read as 500%. Pure: it imports nothing.
 */

const NUMBER = /^\s*(\d*\.?\d+)\s*(%?)\s*$/;

/** Why a threshold was refused, for the caller to phrase as a suite or flag error. */
export const THRESHOLD_RULE = 'must be a percentage such as "5%" (0–100%) or a fraction such as 0.05';

/** A threshold as written, as a fraction in (0, 1] ([0, 1] with `allowZero`); undefined when it breaks the rule. */
export function parseThreshold(value: unknown, allowZero = false): number | undefined {
  let fraction = NaN;
  if (typeof value === 'number') fraction = value;
  else if (typeof value === 'string') {
    const m = NUMBER.exec(value);
    const n = m?.[1] === undefined ? NaN : Number(m[1]);
    fraction = m?.[2] === '%' ? n / 100 : n;
  }
  return Number.isFinite(fraction) && (fraction > 0 || (allowZero && fraction === 0)) && fraction <= 1 ? fraction : undefined;
}
