import { describe, expect, it } from 'vitest';
import { parseThresholdFlag } from '../../../src/compare/policy.js';
import { UsageError } from '../../../src/errors.js';
import { parseSuiteText } from '../../../src/suite/load.js';
import { parseThreshold } from '../../../src/util/threshold.js';

const suiteWith = (t: string): number | undefined =>
  parseSuiteText(`name: s\nthreshold: ${t}\ncases:\n  - workload: matmul\n    params: {m: 8, n: 8, k: 8}\n`, 's.yaml').threshold;

describe('one threshold rule for suites and --threshold', () => {
  it.each([['5%', 0.05], [' 12.5 % ', 0.125], ['.5%', 0.005], ['100%', 1], ['0.05', 0.05], ['.05', 0.05], [0.05, 0.05], [1, 1]] as const)(
    'reads %j as %d',
    (value, fraction) => {
      expect(parseThreshold(value)).toBeCloseTo(fraction, 12);
    },
  );

  it.each([5, 0, -0.1, Number.NaN, '5', '0%', '-5%', '150%', 'abc', '', null, true, [0.05]])('refuses %j', (value) => {
    expect(parseThreshold(value)).toBeUndefined();
  });

  it('the suite loader and the flag agree on every spelling', () => {
    for (const text of ['5%', '.5%', '0.05', '"0.05"', '"12.5%"']) {
      const flag = parseThresholdFlag(text.replace(/"/g, ''));
      expect(suiteWith(text)).toBeCloseTo(flag, 12);
    }
    for (const text of ['5', '150%', '0%']) {
      expect(() => parseThresholdFlag(text)).toThrow(UsageError);
      expect(() => suiteWith(text)).toThrow(/s\.yaml:2:\d+: .*must be a percentage/);
    }
  });
});
