/**
 * The sampling budget (docs/protocol.md §3) and the regression threshold: defaults, merging of
 * suite and case overrides, and the checks a merged budget must pass before any runner sees it.
 */
import type { Budget } from '../types.js';

/** Budget used when a suite sets nothing: about 0.2–2 s per case, 2% CI on the median. */
export const DEFAULT_BUDGET: Readonly<Budget> = Object.freeze({
  warmup_s: 0.1,
  warmup_min_iters: 2,
  target_sample_s: 0.02,
  min_samples: 10,
  max_samples: 1000,
  min_time_s: 0.2,
  max_time_s: 2,
  rel_ci: 0.02,
});

/** Budget field names, in protocol order. */
export const BUDGET_KEYS = Object.keys(DEFAULT_BUDGET) as (keyof Budget)[];

/** `base` with every field `override` sets replaced; `base` is not modified. */
export function mergeBudget(base: Readonly<Budget>, override?: Partial<Budget>): Budget {
  const out: Budget = { ...base };
  if (override) {
    for (const key of BUDGET_KEYS) {
      const v = override[key];
      if (v !== undefined) out[key] = v;
    }
  }
  return out;
}

/**
 * Problems of a merged budget that single-field limits (the schema) cannot see: a minimum above
 * its maximum. One message per problem, naming both fields.
 */
export function budgetProblems(b: Budget): string[] {
  const out: string[] = [];
  if (b.min_samples > b.max_samples) {
    out.push(`min_samples (${b.min_samples}) is above max_samples (${b.max_samples}); raise max_samples or lower min_samples`);
  }
  if (b.min_time_s > b.max_time_s) {
    out.push(`min_time_s (${b.min_time_s}) is above max_time_s (${b.max_time_s}); raise max_time_s or lower min_time_s`);
  }
  return out;
}
