/**
 * The console tables fit the terminal: a real default-suite run (the README's example file) drawn
 * at 80, 120 and 200 columns, with unsupported cases folded into one line per backend.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleReporter } from '../../../src/reporters/console.js';
import type { ResultFile } from '../../../src/results/types.js';

const REAL = JSON.parse(readFileSync(new URL('../../../results/20261126T161601Z-epyc-2vcpu.json', import.meta.url), 'utf8')) as ResultFile;
const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));
const tableLines = (text: string): string[] => text.split('\n').filter((l) => /^[┌│├└]/.test(l));

describe('console tables at the terminal width', () => {
  it.each([80, 120, 200])('fit %i columns', (width) => {
    const out = consoleReporter.render(REAL, { width });
    expect(widest(out.split('\n').filter((l) => !l.startsWith('(')).join('\n'))).toBeLessThanOrEqual(width);
    expect(out).toMatch(/│ backend/);
    expect(out).toMatch(/median/);
  });

  it('keeps every column at 200 and drops by priority (max rel err first) at 80', () => {
    const wide = consoleReporter.render(REAL, { width: 200 });
    for (const h of ['max rel err', '± CI95', 'throughput', 'status', '×cpu']) expect(wide).toContain(h);
    const narrow = consoleReporter.render(REAL, { width: 80 });
    expect(tableLines(narrow).some((l) => l.includes('max rel err'))).toBe(false);
    expect(narrow).toMatch(/left out to fit 80 columns; the Markdown file has them/);
    expect(consoleReporter.render(REAL)).toContain('max rel err'); // no width: nothing dropped
  });

  it('folds unsupported cases into one line per backend instead of table rows', () => {
    const out = consoleReporter.render(REAL, { width: 200 });
    const unsupported = REAL.results.filter((c) => c.status === 'unsupported');
    expect(unsupported.length).toBeGreaterThan(0);
    expect(tableLines(out).some((l) => l.includes('unsupported'))).toBe(false);
    const backends = new Set(unsupported.map((c) => c.backend));
    for (const b of backends) expect(out).toMatch(new RegExp(`^- ${b}: \\d+ case\\(s\\) unsupported \\(`, 'm'));
  });
});
