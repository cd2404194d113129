import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, parseThresholdFlag, thresholdFor } from '../../../src/compare/policy.js';
import { UsageError } from '../../../src/errors.js';
import { caseWith } from './fixture.js';

describe('parseThresholdFlag', () => {
  it.each([['5%', 0.05], ['2.5%', 0.025], ['0.05', 0.05], [' 10 % ', 0.1], ['100%', 1]])('reads %s as %d', (text, value) => {
    expect(parseThresholdFlag(text)).toBeCloseTo(value, 12);
  });

  it.each(['5', '0%', '-5%', 'abc', '', '150%'])('refuses %j with a usage error', (text) => {
    expect(() => parseThresholdFlag(text)).toThrow(UsageError);
  });
});

describe('thresholdFor', () => {
  const withT = caseWith('cpu/a', [1], { threshold: 0.2 });
  const without = caseWith('cpu/a', [1]);

  it('prefers --threshold, then the current case, then the baseline case, then 5%', () => {
    const policy = { minLaunches: 5, failOnInconclusive: false };
    expect(thresholdFor({ ...policy, threshold: 0.1 }, withT, withT)).toEqual({ value: 0.1, source: 'cli' });
    expect(thresholdFor(policy, without, withT)).toEqual({ value: 0.2, source: 'case' });
    expect(thresholdFor(policy, withT, without)).toEqual({ value: 0.2, source: 'case' });
    expect(thresholdFor(policy, without, without)).toEqual({ value: DEFAULT_THRESHOLD, source: 'default' });
  });
});
