/**
 * Like with like (issue 19): speed-up columns, `report` (fleet merge) and `compare --base/--head`
 * pair only cases of one timing model, and GPU figures below 50 µs per iteration are flagged.
 */
import { describe, expect, test } from 'vitest';
import { compareWithin } from '../../../src/compare/index.js';
import { mergeResults } from '../../../src/fleet/merge.js';
import { buildTables, tableNotes, NOT_COMPARABLE } from '../../../src/reporters/table.js';
import { isLaunchBound, LAUNCH_BOUND_MARK, LAUNCH_BOUND_S, timingMismatch } from '../../../src/results/timing-model.js';
import type { ResultFile, RunnerRecord } from '../../../src/results/types.js';
import { timedSpec } from '../../../src/suite/key.js';
import type { TimingModel } from '../../../src/types.js';
import { resultFile, type CaseIn } from '../fleet/fleet.js';

const RUNNERS: RunnerRecord[] = [
  { backend: 'cpu', protocol: 1, runner: { name: 'c', version: '1' }, device: { name: 'Xeon', kind: 'cpu' }, workloads: {} },
  { backend: 'cuda', protocol: 1, runner: { name: 'g', version: '1' }, device: { name: 'NVIDIA H200', kind: 'gpu' }, workloads: {} },
];

/** One file: cases (backend, median, timing) of matmul 2048³, timing suffixes in keys as run writes them. */
function file(cases: (CaseIn & { timing?: TimingModel })[]): ResultFile {
  const r = resultFile('box', 'Xeon', 16, RUNNERS, cases);
  r.results.forEach((c, i) => {
    const t = cases[i]?.timing;
    if (t === undefined) return;
    c.timing = t;
    c.key = `${c.backend}/${timedSpec(c)}`;
  });
  return r;
}

function speedupCells(r: ResultFile): string[] {
  const t = buildTables(r)[0];
  const at = t?.columns.findIndex((c) => c.id === 'speedup') ?? -1;
  return (t?.rows ?? []).map((row) => row.cells[at] ?? '');
}

describe('timing model comparability', () => {
  test('absent timing is streamed; different models are not comparable', () => {
    expect(timingMismatch({}, { timing: 'streamed' })).toBeUndefined();
    expect(timingMismatch({ timing: 'isolated' }, {})).toBe('not comparable: isolated vs streamed timing');
  });

  test('launch-bound: GPU figures below 50 µs only', () => {
    expect(LAUNCH_BOUND_S).toBe(50e-6);
    expect(isLaunchBound(49e-6, true)).toBe(true);
    expect(isLaunchBound(51e-6, true)).toBe(false);
    expect(isLaunchBound(10e-6, false)).toBe(false);
    expect(isLaunchBound(undefined, true)).toBe(false);
  });
});

describe('speed-up column', () => {
  test('divides within one timing model, says n/c across models, flags launch-bound GPU medians', () => {
    const same = file([{ backend: 'cpu', median: 1e-3, timing: 'isolated' }, { backend: 'cuda', median: 2e-5, timing: 'isolated' }]);
    expect(speedupCells(same)).toEqual(['1.0×', '50.0×']);
    const mixed = file([{ backend: 'cpu', median: 1e-3, timing: 'streamed' }, { backend: 'cuda', median: 2e-5, timing: 'isolated' }]);
    expect(speedupCells(mixed)).toEqual(['1.0×', NOT_COMPARABLE]);
    const tables = buildTables(mixed);
    const t = tables[0];
    expect(t?.columns.some((c) => c.id === 'timing')).toBe(true);  // rows say which model they are
    const median = t?.columns.findIndex((c) => c.id === 'median') ?? -1;
    expect(t?.rows.map((r) => r.cells[median])).toEqual(['1.00 ms', `20.0 µs ${LAUNCH_BOUND_MARK}`]);
    const notes = tableNotes(tables);
    expect(notes.join('\n')).toMatch(/launch-bound: a GPU figure below 50 µs per iteration/);
    expect(notes.join('\n')).toMatch(/n\/c: not comparable/);
    // One model throughout: no timing column, no notes beyond the mark.
    expect(buildTables(same)[0]?.columns.some((c) => c.id === 'timing')).toBe(false);
    expect(tableNotes(buildTables(file([{ backend: 'cpu', median: 1e-3 }, { backend: 'cuda', median: 1e-3 }])))).toEqual([]);
  });
});

describe('compare --base/--head and report', () => {
  const policy = { minLaunches: 1, failOnInconclusive: false };

  test('two backends under different timing models: not comparable, exit 2, never a ratio', () => {
    const mixed = file([{ backend: 'cpu', median: 1e-3, timing: 'streamed' }, { backend: 'cuda', median: 2e-5, timing: 'isolated' }]);
    const r = compareWithin(mixed, policy, { base: 'cpu', head: 'cuda' });
    expect(r.cases.map((v) => v.verdict)).toEqual(['not-comparable']);
    expect(r.cases[0]?.ci).toBeUndefined();
    expect(r.cases[0]?.reason).toMatch(/streamed vs isolated timing/);
    expect(r.exitCode).toBe(2);
    const same = file([{ backend: 'cpu', median: 1e-3, timing: 'isolated' }, { backend: 'cuda', median: 2e-5, timing: 'isolated' }]);
    expect(compareWithin(same, policy, { base: 'cpu', head: 'cuda' }).cases[0]?.verdict).not.toBe('not-comparable');
  });

  test('report splits a spec by timing model and takes speed-ups within one model', () => {
    const r = file([
      { backend: 'cpu', median: 1e-3, timing: 'streamed' },
      { backend: 'cuda', median: 1e-4, timing: 'streamed' },
      { backend: 'cuda', median: 2e-5, timing: 'isolated' },
    ]);
    const cmp = mergeResults([{ name: 'r.json', result: r }]);
    expect(cmp.cases.map((c) => c.spec)).toEqual(['matmul m=2048 n=2048 k=2048 dtype=f32', 'matmul m=2048 n=2048 k=2048 dtype=f32 timing=isolated']);
    const [streamed, isolated] = cmp.cases;
    expect(streamed?.rows.find((row) => row.backend === 'cuda')?.speedups.cpu).toBeCloseTo(10);
    expect(isolated?.rows[0]?.speedups.cpu).toBeUndefined();  // no isolated cpu case: no division
    expect(isolated?.rows[0]?.launchBound).toBe(true);
    expect(streamed?.rows.find((row) => row.backend === 'cuda')?.launchBound).toBeUndefined();
  });
});
