import { describe, expect, it } from 'vitest';
import { compareResults, compareWithin } from '../../../src/compare/index.js';
import { basisText } from '../../../src/compare/render-parts.js';
import { BUSY_LIMIT, busyReason, sideLoad } from '../../../src/compare/busy.js';
import type { CaseResult } from '../../../src/results/types.js';
import { caseWith, resultWith, spread } from './fixture.js';

const POLICY = { minLaunches: 5, failOnInconclusive: false };
const KEY = 'cpu/matmul m=64 n=64 k=64 dtype=f32';

/** A case whose launches recorded `load` as their host load. */
function loaded(medians: number[], load: unknown): CaseResult {
  const c = caseWith(KEY, medians);
  return { ...c, launches: c.launches.map((l) => ({ ...l, host_load: load as number })) };
}

describe('sequential comparisons on a busy machine', () => {
  it('turns a sequential regression into inconclusive when a side ran on a busy machine, naming it', () => {
    const base = resultWith([loaded(spread(1e-3, 10), 0.02)]);
    const cur = resultWith([loaded(spread(1.5e-3, 10), 0.6)]);
    const v = compareResults(base, cur, POLICY).cases[0];
    expect(v?.verdict).toBe('inconclusive');
    expect(v?.reason).toMatch(/during the current side \(60% of the CPUs\)/);
    expect(v?.basis?.decidedBy).toBe('busy');
    expect(v && basisText(v)).toMatch(/busy 2% \/ 60%/);
  });

  it('keeps the verdict when both sides were quiet, and records the loads', () => {
    const r = compareResults(resultWith([loaded(spread(1e-3, 10), 0.05)]), resultWith([loaded(spread(1.5e-3, 10), 0.1)]), POLICY);
    expect(r.cases[0]?.verdict).toBe('regression');
    expect(r.cases[0]?.basis?.hostLoad).toEqual({ baseline: 0.05, current: 0.1 });
    expect(r.exitCode).toBe(1);
  });

  /** An interleaved file of a base and a head side with the given loads. */
  function interleaved(load: number): ReturnType<typeof compareWithin> {
    const b = { ...loaded(spread(1e-3, 10), load), variant: 'base', key: `${KEY} @base` };
    const h = { ...loaded(spread(1.5e-3, 10), load), variant: 'head', key: `${KEY} @head` };
    const file = resultWith([b, h]);
    const withVariants = { ...file, settings: { ...file.settings, variants: [{ name: 'base' }, { name: 'head' }], interleave: { grain: 'case', seed: 1 } } };
    return compareWithin(withVariants as typeof file, POLICY);
  }

  it('keeps interleaved verdicts on a busy machine (the load fell on both launches of a pair), not on a saturated one', () => {
    const busy = interleaved(0.4);
    expect(busy.mode).toBe('interleaved');
    expect(busy.cases[0]?.verdict).toBe('regression');
    const saturated = interleaved(0.7).cases[0];
    expect(saturated?.verdict).toBe('inconclusive');
    expect(saturated?.reason).toMatch(/saturated the machine during the baseline side \(70% of the CPUs\) and the current side/);
  });

  it('ignores hostile or missing host_load values', () => {
    expect(sideLoad(loaded([1, 2, 3], 'x'))).toBeUndefined();
    expect(sideLoad(loaded([1, 2, 3], 7))).toBeUndefined();
    expect(sideLoad(loaded([1, 2, 3], Number.NaN))).toBeUndefined();
    expect(sideLoad(loaded([1, 2, 3], 0.3))).toBe(0.3);
    expect(busyReason({})).toBeUndefined();
    expect(busyReason({ baseline: BUSY_LIMIT })).toBeUndefined();
  });
});
