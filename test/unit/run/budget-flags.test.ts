import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { applyOverrides, budgetOverrides, parseSeconds } from '../../../src/run/budget-flags.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';

describe('budget flags (hyperfine names)', () => {
  it('maps --warmup N to iterations and --warmup 0.5s to time', () => {
    expect(budgetOverrides({ warmup: '3' })).toEqual({ warmup_min_iters: 3, warmup_s: 0 });
    expect(budgetOverrides({ warmup: '0' })).toEqual({ warmup_min_iters: 0, warmup_s: 0 });
    expect(budgetOverrides({ warmup: '0.5s' })).toEqual({ warmup_s: 0.5, warmup_min_iters: 0 });
    expect(budgetOverrides({ warmup: '250ms' })).toEqual({ warmup_s: 0.25, warmup_min_iters: 0 });
  });

  it('maps --runs to both sample bounds and --min/--max-runs/-time to one each', () => {
    expect(budgetOverrides({ runs: '7' })).toEqual({ min_samples: 7, max_samples: 7 });
    expect(budgetOverrides({ minRuns: '3', maxRuns: '50', minTime: '500ms', maxTime: '4' })).toEqual({ min_samples: 3, max_samples: 50, min_time_s: 0.5, max_time_s: 4 });
    expect(budgetOverrides({})).toEqual({});
  });

  it('refuses bad values naming the flag', () => {
    const bad: [Parameters<typeof budgetOverrides>[0], string][] = [
      [{ runs: '0' }, '--runs must be an integer from 1'],
      [{ runs: '2.5' }, '--runs must be an integer'],
      [{ runs: '5', minRuns: '2' }, '--runs sets both bounds'],
      [{ warmup: '-1' }, '--warmup must be an integer from 0'],
      [{ warmup: '2h' }, '--warmup must be a time'],
      [{ maxTime: '0' }, '--max-time must be a time > 0'],
      [{ minTime: '7200' }, 'at most 3600 s'],
      [{ maxRuns: '2000000' }, 'from 1 to 1000000'],
    ];
    for (const [flags, fragment] of bad) {
      expect(() => budgetOverrides(flags), JSON.stringify(flags)).toThrow(UsageError);
      expect(() => budgetOverrides(flags)).toThrow(fragment);
    }
    expect(parseSeconds('1.5', '--x')).toBe(1.5);
  });

  it('applies over a budget and refuses a contradiction with it', () => {
    expect(applyOverrides(DEFAULT_BUDGET, { max_samples: 20 }, 'k').max_samples).toBe(20);
    expect(() => applyOverrides(DEFAULT_BUDGET, { max_samples: 5 }, 'cpu/x')).toThrow('min_samples (--min-runs) (10) is above max_samples (--max-runs) (5)');
  });
});
