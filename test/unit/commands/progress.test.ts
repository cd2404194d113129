import { describe, expect, it } from 'vitest';
import { clock, Progress } from '../../../src/commands/progress.js';
import { setColor } from '../../../src/log.js';
import type { CaseResult } from '../../../src/results/types.js';
import { caseWith } from '../compare/fixture.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import type { CaseInstance } from '../../../src/types.js';

function instance(key: string): CaseInstance {
  const [backend = 'cpu', spec = ''] = key.split('/');
  return { key, spec, backend, workload: 'matmul', dtype: 'f32', params: {}, seed: 1, budget: { ...DEFAULT_BUDGET }, suite: 't' };
}

function sink(): { text: () => string; write: (s: string) => void; isTTY: boolean } {
  let buf = '';
  return { text: () => buf, write: (s: string) => void (buf += s), isTTY: false };
}

const KEYS = ['cpu/matmul m=1 n=1 k=1 dtype=f32', 'cpu/matmul m=2 n=1 k=1 dtype=f32', 'cpu/matmul m=3 n=1 k=1 dtype=f32'];

describe('Progress', () => {
  setColor(false);

  it('numbers a finished case by its place in the plan, whatever order they finish in', () => {
    const out = sink();
    let t = 0;
    const p = new Progress(3, 2, out, () => t);
    KEYS.forEach((k, i) => p.start(instance(k), i, 0));
    t = 10_000;
    p.done(caseWith(KEYS[2] ?? '', [1e-3]));
    t = 20_000;
    p.done(caseWith(KEYS[0] ?? '', [1e-3]));
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toMatch(/^✓ \[3\/3\] cpu matmul m=3 /);
    expect(lines[1]).toMatch(/^✓ \[1\/3\] cpu matmul m=1 /);
    expect(lines[0]).toContain('(0:10 elapsed, ~0:20 left)');
    expect(lines[1]).toContain('(0:20 elapsed, ~0:10 left)');
  });

  it('folds cases an interrupt skipped into one summary line', () => {
    const out = sink();
    let t = 0;
    const p = new Progress(300, 1, out, () => t);
    p.start(instance(KEYS[0] ?? ''), 0, 0);
    t = 65_000;
    p.done(caseWith(KEYS[0] ?? '', [1e-3]));
    for (let i = 0; i < 299; i++) {
      const skipped: CaseResult = caseWith(`cpu/matmul m=${i + 10} n=1 k=1 dtype=f32`, [], { status: 'skipped', error: { kind: 'interrupted', message: 'run interrupted' } });
      p.done(skipped);
    }
    p.stop();
    p.stop();
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('- 299 of 300 case(s) skipped (interrupted before they finished), after 1:05');
  });

  it('formats clocks', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(61.4)).toBe('1:01');
    expect(clock(3725)).toBe('1:02:05');
  });
});
