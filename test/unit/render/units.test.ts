import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatFlops,
  formatPercent,
  formatRatio,
  formatSamplesRate,
  formatSci,
  formatSignificant,
} from '../../../src/render/units.js';

describe('formatSignificant', () => {
  it('keeps 3 significant digits in fixed notation', () => {
    expect(formatSignificant(1.5)).toBe('1.50');
    expect(formatSignificant(812.4)).toBe('812');
    expect(formatSignificant(0.0123456)).toBe('0.0123');
    expect(formatSignificant(1234)).toBe('1234');
    expect(formatSignificant(9.996)).toBe('10.0'); // rounding carries into a new digit
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(-2.345)).toBe('-2.35');
  });

  it('stays total for values far below any unit (a 1e300 s median gives a 1e-288 FLOP/s rate)', () => {
    expect(formatSignificant(1.37e-288)).toBe('1.37e-288');
    expect(formatFlops(1.37e-288)).toContain('e-');
    expect(formatFlops(1e300)).not.toBe('');
  });
});

describe('formatDuration', () => {
  it('picks a unit and shows 3 significant digits', () => {
    expect(formatDuration(1.53e-3)).toBe('1.53 ms');
    expect(formatDuration(812e-6)).toBe('812 µs');
    expect(formatDuration(2.41)).toBe('2.41 s');
    expect(formatDuration(45e-9)).toBe('45.0 ns');
    expect(formatDuration(0.5e-9)).toBe('0.500 ns');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(125)).toBe('125 s');
  });

  it('moves up a unit when rounding reaches 1000', () => {
    expect(formatDuration(999.7e-6)).toBe('1.00 ms');
    expect(formatDuration(999.4e-6)).toBe('999 µs');
  });

  it('prints an em dash for non-finite values', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Infinity)).toBe('—');
  });
});

describe('rates, bytes, ratios, percentages', () => {
  it('formats FLOP/s with decimal prefixes', () => {
    expect(formatFlops(1.234e12)).toBe('1.23 TFLOP/s');
    expect(formatFlops(456e9)).toBe('456 GFLOP/s');
    expect(formatFlops(999.9e9)).toBe('1.00 TFLOP/s');
    expect(formatFlops(12)).toBe('12.0 FLOP/s');
  });

  it('formats samples/s with decimal prefixes', () => {
    expect(formatSamplesRate(980)).toBe('980 samples/s');
    expect(formatSamplesRate(12_345)).toBe('12.3k samples/s');
  });

  it('formats bytes with binary prefixes, trailing zeros trimmed', () => {
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5 GiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(64 * 2 ** 30)).toBe('64 GiB');
    expect(formatBytes(1023.9)).toBe('1 KiB');
  });

  it('formats ratios', () => {
    expect(formatRatio(3.4)).toBe('3.4×');
    expect(formatRatio(12.46)).toBe('12.5×');
    expect(formatRatio(153.2)).toBe('153×');
    expect(formatRatio(0.4234)).toBe('0.42×');
    expect(formatRatio(Number.NaN)).toBe('—');
  });

  it('formats percentages, optionally signed', () => {
    expect(formatPercent(0.0512)).toBe('5.1%');
    expect(formatPercent(0.05, 0)).toBe('5%');
    expect(formatPercent(0.05, 1, true)).toBe('+5.0%');
    expect(formatPercent(-0.05, 1, true)).toBe('-5.0%');
  });

  it('formats small errors in scientific notation', () => {
    expect(formatSci(3.14e-6)).toBe('3.1e-6');
    expect(formatSci(1e-4)).toBe('1.0e-4');
    expect(formatSci(0)).toBe('0');
  });
});

describe('formatters are total', () => {
  const hostile = [1e308, -1e308, 1e-300, -1e-300, 5e-324, 1e21, 1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN, 0, -0];
  const all: Record<string, (x: number) => string> = {
    formatSignificant: (x) => formatSignificant(x),
    formatDuration,
    formatFlops,
    formatSamplesRate,
    formatBytes,
    formatRatio,
    formatPercent: (x) => formatPercent(x),
    formatSci,
  };
  it.each(Object.entries(all))('%s prints any number without throwing', (_name, f) => {
    for (const x of hostile) expect(typeof f(x)).toBe('string');
  });

  it('shows extreme magnitudes in e-notation', () => {
    expect(formatDuration(1e-300)).toBe('1.00e-291 ns');
    expect(formatDuration(1e300)).toBe('1.00e+300 s');
    expect(formatBytes(1e300)).toMatch(/e\+28\d PiB$/);
  });
});
