import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { parseResultText } from '../../../src/results/read.js';
import { describePick, parsePickRule, pickValue } from '../../../src/fleet/pick.js';
import { fleet } from './fleet.js';

const good = JSON.stringify(fleet()[0]?.result);

describe('parseResultText', () => {
  it('accepts a result file', () => {
    expect(parseResultText(good, 'a.json').env.machine).toBe('mbp-m2max');
  });

  it.each([
    [good.slice(0, good.length / 2), /^t\.json:1:\d+: the file is truncated \(the JSON ends early\)$/],
    ['[]', /^t\.json is not an mpsbench result file \(the top level is not an object\)$/],
    ['{"schema":"mpsbench.result/v2"}', /^t\.json has schema "mpsbench\.result\/v2"; this mpsbench reads mpsbench\.result\/v1$/],
    ['{"name":"x"}', /no "schema" field/],
    [good.replace('"machine":"mbp-m2max"', '"machine":7'), /^t\.json: env\.machine is missing or not a string$/],
    [good.replace('"median_s":0.012', '"median_s":"fast"'), /^t\.json: results\[0\] \(.*\) is ok but stats\.median_s is missing or not a number$/],
  ])('refuses bad input with one line (%#)', (text, message) => {
    let caught: unknown;
    try {
      parseResultText(text, 't.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).exitCode).toBe(2);
    expect((caught as InputError).message).toMatch(message);
    expect((caught as InputError).message).not.toContain('\n');
  });
});

describe('pick rule', () => {
  it('takes the median or the best', () => {
    expect(pickValue([3, 1, 2], 'median', true)).toBe(2);
    expect(pickValue([4, 1, 2, 3], 'median', false)).toBe(2.5);
    expect(pickValue([4, Number.NaN, 2, Number.POSITIVE_INFINITY], 'median', true)).toBe(3);
    expect(pickValue([3, 1, 2], 'best', true)).toBe(1);
    expect(pickValue([3, 1, 2], 'best', false)).toBe(3);
    expect(pickValue([], 'median', true)).toBeUndefined();
  });

  it('parses --pick and states the rule', () => {
    expect(parsePickRule(undefined)).toBe('median');
    expect(parsePickRule('best')).toBe('best');
    expect(() => parsePickRule('mean')).toThrow(UsageError);
    expect(describePick('best')).toMatch(/best \(fastest\)/);
  });
});
