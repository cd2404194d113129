import { describe, expect, it } from 'vitest';
import { compareResults, compareWithin, decide, decideGate, exitCodeFor, judge, type GatePolicy } from '../../../src/compare/index.js';
import { decideSequential, judgeMedians } from '../../../src/compare/gate.js';
import { caseWith, resultWith, spread } from './fixture.js';

const POLICY: GatePolicy = { minLaunches: 5, failOnInconclusive: false };
const KEY = 'cpu/matmul m=64 n=64 k=64 dtype=f32';

function verdictOf(base: number[], cur: number[], policy = POLICY): string {
  return judge({ key: KEY, mode: 'same-run', baseline: caseWith(KEY, base), current: caseWith(KEY, cur) }, policy).verdict;
}

describe('decide', () => {
  it.each([
    [{ lo: 1.06, hi: 1.2 }, 'regression'],
    [{ lo: 0.8, hi: 0.95 }, 'improvement'],
    [{ lo: 0.97, hi: 1.04 }, 'unchanged'],
    [{ lo: 1.0, hi: 1.08 }, 'inconclusive'],
    [{ lo: 0.9, hi: 1.1 }, 'inconclusive'],
    [{ lo: 1.05, hi: 1.05 }, 'unchanged'], // on the band's edge: not above it
  ])('%o at T = 5%% is %s', (ci, verdict) => {
    expect(decide(ci, 0.05)).toBe(verdict);
  });

  it('uses 1 / (1 + T) as the lower band edge, so the band is symmetric in log ratio', () => {
    expect(decide({ lo: 0.94, hi: 0.952 }, 0.05)).toBe('improvement'); // 1/1.05 = 0.95238
    expect(decide({ lo: 0.9524, hi: 1.0 }, 0.05)).toBe('unchanged');
  });
});

describe('decideGate', () => {
  const IN = { lo: 0.97, hi: 1.03 };
  it.each([
    [{ lo: 1.06, hi: 1.2 }, IN, 'regression'], // typical launch confirmed slower
    [IN, { lo: 1.06, hi: 1.2 }, 'regression'], // fast launches confirmed slower
    [{ lo: 0.8, hi: 0.9 }, { lo: 1.06, hi: 1.2 }, 'regression'], // a regression is never hidden
    [{ lo: 0.8, hi: 0.9 }, IN, 'improvement'],
    [IN, { lo: 0.8, hi: 0.9 }, 'improvement'],
    [IN, IN, 'unchanged'],
    [IN, { lo: 1.0, hi: 1.08 }, 'inconclusive'],
    [{ lo: 0.9, hi: 1.1 }, IN, 'inconclusive'],
  ])('typical %o, fast %o at T = 5%% is %s', (typical, fast, verdict) => {
    expect(decideGate(typical, fast, 0.05)).toBe(verdict);
  });
});

describe('judge', () => {
  it('reports both statistics: ci is the Hodges–Lehmann shift, fast the lower-quartile ratio', () => {
    const v = judge({ key: KEY, mode: 'same-run', baseline: caseWith(KEY, spread(1e-3, 10)), current: caseWith(KEY, spread(1.2e-3, 10)) }, POLICY);
    expect(v.ci?.ratio).toBeCloseTo(1.2, 6);
    expect(v.fast?.ratio).toBeCloseTo(1.2, 6);
    expect(v.baselineMedian).toBeCloseTo(1e-3, 9);
  });

  it('finds a 20% slowdown over 10 tight launches a regression', () => {
    expect(verdictOf(spread(1e-3, 10), spread(1.2e-3, 10))).toBe('regression');
  });

  it('finds a 20% speed-up an improvement and the same numbers unchanged', () => {
    expect(verdictOf(spread(1e-3, 10), spread(0.8e-3, 10))).toBe('improvement');
    expect(verdictOf(spread(1e-3, 10), spread(1e-3, 10))).toBe('unchanged');
  });

  it('calls a slowdown inside the noise inconclusive', () => {
    expect(verdictOf(spread(1e-3, 10, 0.1), spread(1.06e-3, 10, 0.1))).toBe('inconclusive');
  });

  it('gives no verdict with fewer than --min-launches good launches per side', () => {
    const v = judge({ key: KEY, mode: 'same-run', baseline: caseWith(KEY, [1e-3]), current: caseWith(KEY, [2e-3]) }, POLICY);
    expect(v.verdict).toBe('insufficient-data');
    expect(v.reason).toMatch(/1 baseline and 1 current .* ≥ 5 per side .*--launches 10/);
    expect(v.ci).toBeUndefined();
    expect(verdictOf([1e-3], [2e-3], { ...POLICY, minLaunches: 1 })).toBe('regression');
  });

  it('reports a case that failed on a side as failed, with the reason', () => {
    const failed = caseWith(KEY, [], { status: 'failed', error: { kind: 'crash', message: 'SIGSEGV' } });
    const v = judge({ key: KEY, mode: 'same-run', baseline: caseWith(KEY, spread(1e-3, 10)), current: failed }, POLICY);
    expect(v).toMatchObject({ verdict: 'failed', reason: 'current failed (crash): SIGSEGV' });
  });

  it('reports cases unsupported on both sides without failing', () => {
    const u = caseWith(KEY, [], { status: 'unsupported' });
    expect(judge({ key: KEY, mode: 'same-run', baseline: u, current: u }, POLICY).verdict).toBe('unsupported');
  });

  it('uses the threshold by precedence: --threshold, then the case, then 5%', () => {
    const base = caseWith(KEY, spread(1e-3, 10), { threshold: 0.5 });
    const cur = caseWith(KEY, spread(1.2e-3, 10), { threshold: 0.5 });
    expect(judge({ key: KEY, mode: 'same-run', baseline: base, current: cur }, POLICY)).toMatchObject({ verdict: 'unchanged', threshold: { value: 0.5, source: 'case' } });
    expect(judge({ key: KEY, mode: 'same-run', baseline: base, current: cur }, { ...POLICY, threshold: 0.1 })).toMatchObject({ verdict: 'regression', threshold: { value: 0.1, source: 'cli' } });
  });
});

describe('compareResults', () => {
  const a = 'cpu/matmul m=1 n=1 k=1 dtype=f32';
  const b = 'cpu/matmul m=2 n=2 k=2 dtype=f32';
  const c = 'cpu/matmul m=3 n=3 k=3 dtype=f32';

  it('joins by key, lists added and removed cases, and puts regressions first', () => {
    const base = resultWith([caseWith(a, spread(1e-3, 10)), caseWith(b, spread(1e-3, 10))]);
    const cur = resultWith([caseWith(a, spread(1e-3, 10)), caseWith(c, spread(1e-3, 10)), caseWith(b, spread(2e-3, 10))]);
    const r = compareResults(base, cur, POLICY);
    expect(r.cases.map((v) => [v.key, v.verdict])).toEqual([[b, 'regression'], [a, 'inconclusive'], [c, 'added']]);
    expect(r.mode).toBe('sequential');
    expect(r.exitCode).toBe(1);
    expect(compareResults(cur, base, POLICY).cases.map((v) => v.verdict)).toContain('removed');
  });

  it('chooses the exit code: regression 1 > failed 3 > insufficient data 2 > 0', () => {
    expect(exitCodeFor({ regression: 1, failed: 2 }, POLICY)).toBe(1);
    expect(exitCodeFor({ failed: 1, 'insufficient-data': 1 }, POLICY)).toBe(3);
    expect(exitCodeFor({ 'insufficient-data': 1, unchanged: 3 }, POLICY)).toBe(2);
    expect(exitCodeFor({ inconclusive: 1, improvement: 1, added: 1 }, POLICY)).toBe(0);
    expect(exitCodeFor({ inconclusive: 1 }, { ...POLICY, failOnInconclusive: true })).toBe(1);
  });

  it('warns when the environments differ', () => {
    const r = compareResults(resultWith([], 'mac-m1'), resultWith([], 'mac-m3'), POLICY);
    expect(r.warnings).toContain('machine differs: "mac-m1" (baseline) vs "mac-m3" (current)');
  });
});

describe('decideSequential', () => {
  it('widens both intervals by the floor and needs both to agree', () => {
    expect(decideSequential({ lo: 1.2, hi: 1.3 }, { lo: 1.2, hi: 1.3 }, 0.05, 0.1)).toBe('regression'); // 1.2/1.1 > 1.05
    expect(decideSequential({ lo: 1.1, hi: 1.2 }, { lo: 1.1, hi: 1.2 }, 0.05, 0.1)).toBe('inconclusive'); // 1.1/1.1 < 1.05
    expect(decideSequential({ lo: 1.6, hi: 1.9 }, { lo: 0.98, hi: 1.02 }, 0.05, 0.1)).toBe('inconclusive'); // load moved the typical launch only
    expect(decideSequential({ lo: 0.99, hi: 1.01 }, { lo: 0.99, hi: 1.01 }, 0.05, 0.1)).toBe('inconclusive'); // ±10% between runs: not provably inside ±5%
    expect(decideSequential({ lo: 0.99, hi: 1.01 }, { lo: 0.99, hi: 1.01 }, 0.05, 0.02)).toBe('unchanged');
  });
});

describe('judgeMedians', () => {
  const T = { value: 0.05, source: 'default' as const };
  it('pairs interleaved launches: a drift shared by both sides of a pair cancels', () => {
    const drift = [1, 1.6, 1.1, 2.0, 1.3, 1.0, 1.8, 1.2, 1.5, 1.05];
    const base = drift.map((d, k) => 1e-3 * d * (1 + 0.002 * Math.sin(k)));
    const cur = drift.map((d, k) => 1.1e-3 * d * (1 + 0.002 * Math.cos(k)));
    const paired = judgeMedians({ baseline: base, current: cur, mode: 'interleaved' }, POLICY, T);
    expect(paired.verdict).toBe('regression');
    expect(paired.basis).toMatchObject({ mode: 'interleaved', pairs: 10 });
    expect(judgeMedians({ baseline: base, current: cur, mode: 'same-run' }, POLICY, T).verdict).toBe('inconclusive');
  });

  it('calls moved shares of unchanged modes unstable in sequential runs (the H200 f16 matmul)', () => {
    const us = (fast: number, slow: number): number[] => [...Array<number>(fast).fill(7.5e-6), ...Array<number>(slow).fill(10.2e-6)].map((x, i) => x * (1 + 0.001 * i));
    const v = judgeMedians({ baseline: us(7, 3), current: us(1, 9), mode: 'sequential' }, POLICY, T);
    expect(v.verdict).toBe('unstable');
    expect(v.basis?.decidedBy).toBe('modes');
    expect(v.reason).toMatch(/rerun interleaved/);
    expect(v.modality?.baseline.map((m) => m.count)).toEqual([7, 3]);
  });

  it('calls a mode location that moved beyond threshold and floor a regression', () => {
    const side = (f: number): number[] => [...Array<number>(6).fill(7.5e-6 * f), ...Array<number>(4).fill(10.2e-6 * f)].map((x, i) => x * (1 + 0.001 * i));
    const v = judgeMedians({ baseline: side(1), current: side(1.25), mode: 'sequential' }, POLICY, T);
    expect(v.verdict).toBe('regression');
    expect(v.modality?.movedSlower).toBeCloseTo(1.25, 2);
  });

  it('does not call a moved mode whose launches overlap within the limit a regression (H200 torch-cuda A/A, 2026-12-03)', () => {
    const baseline = [10.01, 10.03, 10.15, 13.51, 15.01].map((x) => x * 1e-6);
    const current = [10.02, 10.44, 10.68, 15.92, 17.14].map((x) => x * 1e-6);
    const v = judgeMedians({ baseline, current, mode: 'sequential' }, POLICY, T);
    expect(v.verdict).not.toBe('regression');
    expect(v.modality?.note).toMatch(/the modes moved by at least \+6\.1% \(launch to launch\)/);
  });

  it('does not call one mode between two baseline modes a regression (H200 sequential A/A, 2026-12-02)', () => {
    const jitter = (xs: number[]): number[] => xs.map((x, i) => x * (1 + 0.002 * Math.sin(i)));
    const baseline = jitter([...Array<number>(5).fill(8.53e-6), ...Array<number>(3).fill(12.8e-6)]);
    const current = jitter(Array<number>(8).fill(10.1e-6));
    const v = judgeMedians({ baseline, current, mode: 'sequential' }, POLICY, T);
    expect(v.verdict).toBe('unstable');
    expect(v.reason).toMatch(/number of modes changed/);
  });
});

describe('compareWithin', () => {
  it('compares the two variants of one file, baseline first, with the exit code of two files', () => {
    const v = (variant: string, m: number[]) => caseWith(KEY, m, { key: `${KEY} @${variant}`, variant });
    const r = resultWith([v('base', spread(1e-3, 10)), v('head', spread(1.3e-3, 10))]);
    const file = { ...r, settings: { ...r.settings, interleave: { grain: 'case' as const, seed: 1 }, variants: [{ name: 'base', env: {} }, { name: 'head', env: {} }] } };
    const rep = compareWithin(file, POLICY);
    expect(rep.sides).toEqual({ by: 'variant', base: 'base', head: 'head' });
    expect(rep.cases.map((c) => [c.key, c.verdict])).toEqual([[KEY, 'regression']]);
    expect(rep.exitCode).toBe(1);
    expect(compareWithin(file, POLICY, { base: 'head', head: 'base' }).cases[0]?.verdict).toBe('improvement');
    expect(() => compareWithin(file, POLICY, { base: 'base', head: 'nope' })).toThrow(/not two variants or two backends/);
  });

  it('falls back to unpaired launches for files that did not interleave per case', () => {
    const r = resultWith([caseWith(KEY, spread(1e-3, 10)), caseWith('torch-cpu/matmul m=64 n=64 k=64 dtype=f32', spread(2e-3, 10))]);
    const rep = compareWithin(r, POLICY, { base: 'cpu', head: 'torch-cpu' });
    expect(rep.mode).toBe('same-run');
    expect(rep.warnings.join()).toMatch(/compared unpaired/);
    expect(rep.cases[0]?.verdict).toBe('regression');
  });
});
