import { describe, expect, it } from 'vitest';
import { compareResults, decide, decideGate, exitCodeFor, judge, type GatePolicy } from '../../../src/compare/index.js';
import { caseWith, resultWith, spread } from './fixture.js';

const POLICY: GatePolicy = { minLaunches: 5, failOnInconclusive: false };
const KEY = 'cpu/matmul m=64 n=64 k=64 dtype=f32';

function verdictOf(base: number[], cur: number[], policy = POLICY): string {
  return judge({ key: KEY, baseline: caseWith(KEY, base), current: caseWith(KEY, cur) }, policy).verdict;
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
    const v = judge({ key: KEY, baseline: caseWith(KEY, spread(1e-3, 10)), current: caseWith(KEY, spread(1.2e-3, 10)) }, POLICY);
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
    const v = judge({ key: KEY, baseline: caseWith(KEY, [1e-3]), current: caseWith(KEY, [2e-3]) }, POLICY);
    expect(v.verdict).toBe('insufficient-data');
    expect(v.reason).toMatch(/1 baseline and 1 current .* ≥ 5 per side .*--launches 10/);
    expect(v.ci).toBeUndefined();
    expect(verdictOf([1e-3], [2e-3], { ...POLICY, minLaunches: 1 })).toBe('regression');
  });

  it('reports a case that failed on a side as failed, with the reason', () => {
    const failed = caseWith(KEY, [], { status: 'failed', error: { kind: 'crash', message: 'SIGSEGV' } });
    const v = judge({ key: KEY, baseline: caseWith(KEY, spread(1e-3, 10)), current: failed }, POLICY);
    expect(v).toMatchObject({ verdict: 'failed', reason: 'current failed (crash): SIGSEGV' });
  });

  it('reports cases unsupported on both sides without failing', () => {
    const u = caseWith(KEY, [], { status: 'unsupported' });
    expect(judge({ key: KEY, baseline: u, current: u }, POLICY).verdict).toBe('unsupported');
  });

  it('uses the threshold by precedence: --threshold, then the case, then 5%', () => {
    const base = caseWith(KEY, spread(1e-3, 10), { threshold: 0.5 });
    const cur = caseWith(KEY, spread(1.2e-3, 10), { threshold: 0.5 });
    expect(judge({ key: KEY, baseline: base, current: cur }, POLICY)).toMatchObject({ verdict: 'unchanged', threshold: { value: 0.5, source: 'case' } });
    expect(judge({ key: KEY, baseline: base, current: cur }, { ...POLICY, threshold: 0.1 })).toMatchObject({ verdict: 'regression', threshold: { value: 0.1, source: 'cli' } });
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
    expect(r.cases.map((v) => [v.key, v.verdict])).toEqual([[b, 'regression'], [a, 'unchanged'], [c, 'added']]);
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
