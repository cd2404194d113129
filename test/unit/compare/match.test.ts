import { describe, expect, it } from 'vitest';
import { environmentDiff, matchCases } from '../../../src/compare/match.js';
import { caseWith, resultWith } from './fixture.js';

describe('matchCases', () => {
  it('pairs by key in current order, then the removed ones', () => {
    const base = resultWith([caseWith('cpu/a', [1]), caseWith('cpu/b', [1])]);
    const cur = resultWith([caseWith('cpu/c', [1]), caseWith('cpu/a', [1])]);
    const pairs = matchCases(base, cur);
    expect(pairs.map((p) => [p.key, p.baseline !== undefined, p.current !== undefined])).toEqual([
      ['cpu/c', false, true],
      ['cpu/a', true, true],
      ['cpu/b', true, false],
    ]);
  });
});

describe('environmentDiff', () => {
  it('is empty for the same environment', () => {
    expect(environmentDiff(resultWith([]), resultWith([]))).toEqual([]);
  });

  it('names each differing fact: CPU, GPU and driver, runner libraries, protocol, tool, threads', () => {
    const base = resultWith([]);
    const cur = structuredClone(base);
    cur.env.host.cpu.model = 'Apple M3';
    cur.env.gpus = [{ name: 'H100', driver: '550.54' }];
    const cpu = cur.env.runners.cpu;
    if (cpu === undefined) throw new Error('fixture has a cpu runner');
    cpu.libraries = { blas: 'OpenBLAS 0.3.28' };
    cpu.protocol = 2;
    cur.env.tool.version = '0.2.0';
    cur.settings.threads = 2;
    const w = environmentDiff(base, cur).join('\n');
    expect(w).toContain('CPU model differs: "AMD EPYC 7763 64-Core Processor" (baseline) vs "Apple M3" (current)');
    expect(w).toContain('GPUs differs: "" (baseline) vs "H100" (current)');
    expect(w).toContain('GPU driver differs');
    expect(w).toContain('cpu runner libraries differs: "blas OpenBLAS 0.3.26" (baseline) vs "blas OpenBLAS 0.3.28" (current)');
    expect(w).toContain('cpu runner protocol differs');
    expect(w).toContain('tool version differs: "0.1.0" (baseline) vs "0.2.0" (current)');
    expect(w).toContain('--threads differs: default (baseline) vs 2 (current)');
  });
});
