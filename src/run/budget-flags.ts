/**
 * The sampling budget from the command line, hyperfine's way: `--warmup N` (warm-up iterations;
 * `--warmup 0.5s` for time), `--runs N` (exactly N samples), `--min-runs`/`--max-runs`,
 * `--min-time`/`--max-time` (seconds, or with `s`/`ms`). They override every case's budget, the
 * suite's included, and the merged budget must pass the same checks a suite's does.
 */
import { UsageError } from '../errors.js';
import type { Budget } from '../types.js';
import { budgetProblems, mergeBudget } from '../suite/budget.js';

/** The budget flags as typed. */
export interface BudgetFlags {
  warmup?: string;
  runs?: string;
  minRuns?: string;
  maxRuns?: string;
  minTime?: string;
  maxTime?: string;
}

/** Most samples or warm-up iterations a flag may ask for (the suite schema's limit). */
const MAX_COUNT = 1_000_000;
/** Longest time a flag may ask for, seconds (the suite schema's limit). */
const MAX_SECONDS = 3600;

/** `0.5`, `0.5s` or `500ms` to seconds; UsageError naming the flag otherwise. */
export function parseSeconds(text: string, flag: string, allowZero = false): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)?\s*$/.exec(text);
  const s = m?.[1] === undefined ? NaN : Number(m[1]) / (m[2] === 'ms' ? 1000 : 1);
  if (!Number.isFinite(s) || s > MAX_SECONDS || (allowZero ? s < 0 : s <= 0)) {
    throw new UsageError(`${flag} must be a time ${allowZero ? '≥ 0' : '> 0'} and at most ${MAX_SECONDS} s, e.g. 0.5, 0.5s or 500ms; got "${text}"`);
  }
  return s;
}

function count(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > MAX_COUNT) throw new UsageError(`${flag} must be an integer from ${min} to ${MAX_COUNT}, got "${text}"`);
  return n;
}

/** The budget fields the flags set (none when no flag is given). */
export function budgetOverrides(flags: BudgetFlags): Partial<Budget> {
  const out: Partial<Budget> = {};
  if (flags.warmup !== undefined) {
    if (/[a-z]\s*$/i.test(flags.warmup)) {
      out.warmup_s = parseSeconds(flags.warmup, '--warmup', true);
      out.warmup_min_iters = 0;
    } else {
      out.warmup_min_iters = count(flags.warmup, '--warmup', 0);
      out.warmup_s = 0;
    }
  }
  if (flags.runs !== undefined) {
    if (flags.minRuns !== undefined || flags.maxRuns !== undefined) throw new UsageError('--runs sets both bounds; drop --min-runs/--max-runs or --runs');
    out.min_samples = out.max_samples = count(flags.runs, '--runs', 1);
  }
  if (flags.minRuns !== undefined) out.min_samples = count(flags.minRuns, '--min-runs', 1);
  if (flags.maxRuns !== undefined) out.max_samples = count(flags.maxRuns, '--max-runs', 1);
  if (flags.minTime !== undefined) out.min_time_s = parseSeconds(flags.minTime, '--min-time', true);
  if (flags.maxTime !== undefined) out.max_time_s = parseSeconds(flags.maxTime, '--max-time');
  return out;
}

/** `budget` with the flags' fields applied; UsageError when they contradict each other or it. */
export function applyOverrides(budget: Readonly<Budget>, overrides: Partial<Budget>, where: string): Budget {
  const merged = mergeBudget(budget, overrides);
  const problem = budgetProblems(merged)[0];
  if (problem !== undefined) throw new UsageError(`the budget flags give ${where} a contradictory budget: ${problem.replace(/min_samples/g, 'min_samples (--min-runs)').replace(/max_samples/g, 'max_samples (--max-runs)')}`, 'the flags override the suite\'s budget field by field; set both bounds on the command line');
  return merged;
}
