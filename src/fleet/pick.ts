/**
 * The pick rule: how several measurements of the same thing become one number. `median` is the
 * default (robust to one lucky or unlucky machine); `best` is what people quote as "up to".
 */
import { UsageError } from '../errors.js';
import { median } from '../stats/quantile.js';
import type { PickRule } from './types.js';

/**
 * Picks one value: the median (stats `median`), or the best, where best is the smallest when
 * `lowerIsBetter` (times) and the largest otherwise (speed-ups). Non-finite values are ignored;
 * undefined when none is left.
 */
export function pickValue(all: readonly number[], rule: PickRule, lowerIsBetter: boolean): number | undefined {
  const values = all.filter(Number.isFinite);
  if (values.length === 0) return undefined;
  if (rule === 'median') return median(values);
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
