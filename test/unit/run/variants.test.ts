import { describe, expect, it } from 'vitest';
import { sideOrder } from '../../../src/run/interleave.js';
import { expandVariants, parseVariants, variantLaunchOptions, variantRunners } from '../../../src/run/variants.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import type { CaseInstance } from '../../../src/types.js';

describe('parseVariants', () => {
  it('reads names and settings, baseline first, and merges repeated names', () => {
    const vs = parseVariants([
      'base:env.OPENBLAS_NUM_THREADS=2,python=/usr/bin/python3',
      'head:runner.mine=python3 run.py --opt a,b,threads=1',
      'base:native=/tmp/base/native',
    ]);
    expect(vs.map((v) => v.name)).toEqual(['base', 'head']);
    expect(vs[0]).toEqual({ name: 'base', env: { OPENBLAS_NUM_THREADS: '2' }, python: '/usr/bin/python3', native: '/tmp/base/native', commands: {} });
    expect(vs[1]?.commands).toEqual({ mine: ['python3', 'run.py', '--opt', 'a,b'] });
    expect(vs[1]?.threads).toBe(1);
  });
  it('refuses bad names and unknown settings with a usage error', () => {
    expect(parseVariants(['only'])).toHaveLength(1);
    expect(() => parseVariants(['Bad:env.X=1', 'b'])).toThrow(/needs a name/);
    expect(() => parseVariants(['a:colour=red', 'b'])).toThrow(/unknown setting "colour"/);
    expect(() => parseVariants(['a:threads=0', 'b'])).toThrow();
  });
});

describe('variants in a plan', () => {
  const c: CaseInstance = { key: 'cpu/matmul m=8 n=8 k=8 dtype=f32', spec: 'matmul m=8 n=8 k=8 dtype=f32', backend: 'cpu', workload: 'matmul', dtype: 'f32', params: {}, seed: 1, budget: { ...DEFAULT_BUDGET }, suite: 't' };
  it('expands every case once per variant with its own key', () => {
    const [a, b] = expandVariants([c], parseVariants(['a', 'b']));
    expect(a).toMatchObject({ key: `${c.key} @a`, variant: 'a' });
    expect(b).toMatchObject({ key: `${c.key} @b`, variant: 'b' });
  });
  it('starts runners with the variant environment over the run one', () => {
    const [v] = parseVariants(['a:env.X=1,python=/py,threads=3,native=/n', 'b']);
    const o = variantLaunchOptions({ env: { X: '0', Y: '2' }, threads: 2 }, v);
    expect(o.env).toMatchObject({ X: '1', Y: '2', MPSBENCH_PYTHON: '/py' });
    expect(o.threads).toBe(3);
    expect(o.nativeDir).toBe('/n');
  });
  it('declares custom runners that only variants name', () => {
    const vs = parseVariants(['a:runner.r=./a', 'b:runner.r=./b']);
    expect(variantRunners(vs, [])).toEqual([{ name: 'r', command: ['./a'] }]);
    expect(variantRunners(vs, ['r'])).toEqual([]);
  });
});

describe('sideOrder', () => {
  it('is seeded, a permutation, and reversed on odd launch indices', () => {
    const o0 = sideOrder('matmul', 3, 0, 1);
    expect([...o0].sort()).toEqual([0, 1, 2]);
    expect(sideOrder('matmul', 3, 0, 1)).toEqual(o0);
    expect(sideOrder('matmul', 3, 1, 1)).toEqual([...o0].reverse());
  });
  it('puts each of two sides first equally often over many cases', () => {
    let first = 0;
    for (let g = 0; g < 400; g++) if (sideOrder(`case ${g}`, 2, 0, 5)[0] === 0) first++;
    expect(first).toBeGreaterThan(160);
    expect(first).toBeLessThan(240);
  });
});
