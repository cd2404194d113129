/**
 * The pick rule: how several measurements of the same thing become one number. `median` is the
 * default (robust to one lucky or unlucky machine); `best` is what people quote as "up to".
 */
import { UsageError } from '../errors.js';
import type { PickRule } from './types.js';

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? NaN;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? NaN) + hi) / 2;
}

/**
 * Picks one value: the median, or the best, where best is the smallest when `lowerIsBetter`
 * (times) and the largest otherwise (speed-ups). Undefined for an empty list.
 */
export function pickValue(values: readonly number[], rule: PickRule, lowerIsBetter: boolean): number | undefined {
  if (values.length === 0) return undefined;
  if (rule === 'median') return medianOf(values);
  return lowerIsBetter ? Math.min(...values) : Math.max(...values);
}

/** Parses `--pick` (exit 2 on anything but `median` or `best`). */
export function parsePickRule(text: string | undefined): PickRule {
  if (text === undefined || text === 'median') return 'median';
  if (text === 'best') return 'best';
  throw new UsageError(`--pick must be "median" or "best", got "${text}"`);
}

/** One sentence stating the rule, for the report's header. */
export function describePick(rule: PickRule): string {
  return rule === 'median'
    ? 'Where the same chip and backend were measured several times, the median of their medians is shown (--pick median).'
    : 'Where the same chip and backend were measured several times, the best (fastest) of them is shown (--pick best).';
}
