import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import { entryBackends, entrySpecCount, expandSuite, MAX_CASES } from '../../../src/suite/expand.js';
import { parseSuiteText } from '../../../src/suite/load.js';

const SUITE = `name: sweep
threshold: 5%
budget: { max_time_s: 3 }
cases:
  - workload: matmul
    dtype: [f32, f16]
    params:
      k: [64, 128]
      m: {from: 32, to: 128, mul: 2}
      n: 16
  - workload: matmul
    threshold: 0.1
    budget: { min_samples: 20 }
    backends: [cpu]
    params: { m: 32, n: 16, k: 64 }
  - workload: train
    params: { layers: [[8, 4, 2], [8, 2]], batch: [1, 2] }
`;

describe('expandSuite', () => {
  const suite = parseSuiteText(SUITE, 'sweep.yaml');

  test('order: dtype slowest, params in definition order, backends fastest', () => {
    const cases = expandSuite(suite, ['cpu', 'cuda']);
    expect(cases.slice(0, 5).map((c) => c.key)).toEqual([
      'cpu/matmul m=32 n=16 k=64 dtype=f32',
      'cuda/matmul m=32 n=16 k=64 dtype=f32',
      'cpu/matmul m=32 n=16 k=128 dtype=f32',
      'cuda/matmul m=32 n=16 k=128 dtype=f32',
      'cpu/matmul m=64 n=16 k=64 dtype=f32',
    ]);
    const specs = cases.filter((c) => c.backend === 'cpu').map((c) => c.spec);
    expect(specs).toEqual([
      'matmul m=32 n=16 k=64 dtype=f32',
      'matmul m=32 n=16 k=128 dtype=f32',
      'matmul m=64 n=16 k=64 dtype=f32',
      'matmul m=64 n=16 k=128 dtype=f32',
      'matmul m=128 n=16 k=64 dtype=f32',
      'matmul m=128 n=16 k=128 dtype=f32',
      'matmul m=32 n=16 k=64 dtype=f16',
      'matmul m=32 n=16 k=128 dtype=f16',
      'matmul m=64 n=16 k=64 dtype=f16',
      'matmul m=64 n=16 k=128 dtype=f16',
      'matmul m=128 n=16 k=64 dtype=f16',
      'matmul m=128 n=16 k=128 dtype=f16',
      // entry 2 (m=32 n=16 k=64 f32) duplicates entry 1's first case: dropped, first kept.
      'train layers=8,4,2 batch=1 dtype=f32',
      'train layers=8,4,2 batch=2 dtype=f32',
      'train layers=8,2 batch=1 dtype=f32',
      'train layers=8,2 batch=2 dtype=f32',
    ]);
    expect(cases).toHaveLength(32);
  });

  test('defaults filled, budget and threshold merged, seed and suite carried', () => {
    const [first] = expandSuite(suite, ['cpu']);
    expect(first).toMatchObject({
      workload: 'matmul',
      dtype: 'f32',
      params: { m: 32, n: 16, k: 64, batch: 1, trans_a: false, trans_b: false },
      backend: 'cpu',
      seed: 1,
      threshold: 0.05,
      suite: 'sweep',
      budget: { ...DEFAULT_BUDGET, max_time_s: 3 },
      source: { file: 'sweep.yaml', line: 5, col: 5 },
    });
    const train = expandSuite(suite, ['cpu']).find((c) => c.workload === 'train');
    expect(train?.params).toEqual({ model: 'mlp', layers: [8, 4, 2], batch: 1, lr: 0.01 });
  });

  test('case overrides, seen where the case is not a duplicate', () => {
    const only = parseSuiteText(SUITE.replace('m: 32, n: 16', 'm: 48, n: 16'), 'sweep.yaml');
    const c = expandSuite(only, ['cpu', 'cuda']).filter((x) => x.spec === 'matmul m=48 n=16 k=64 dtype=f32');
    expect(c.map((x) => x.backend)).toEqual(['cpu']);
    expect(c[0]?.threshold).toBe(0.1);
    expect(c[0]?.budget).toEqual({ ...DEFAULT_BUDGET, max_time_s: 3, min_samples: 20 });
  });

  test('backends: available ∩ requested ∩ suite ∩ entry, in available order', () => {
    const entry = suite.entries[1];
    if (!entry) throw new Error('entry');
    expect(entryBackends(suite, entry, ['cuda', 'cpu'])).toEqual(['cpu']);
    expect(entryBackends({ ...suite, backends: ['cuda', 'mps'] }, { ...entry, backends: undefined }, ['cpu', 'cuda', 'mps'], ['mps', 'cuda'])).toEqual([
      'cuda',
      'mps',
    ]);
    expect(expandSuite(suite, ['cuda'], ['cpu'])).toEqual([]);
    expect(expandSuite(suite, [])).toEqual([]);
  });

  test('counts come before building', () => {
    expect(suite.entries.map(entrySpecCount)).toEqual([12, 1, 4]);
    const big = parseSuiteText(
      'name: big\ncases:\n  - {workload: matmul, params: {m: 1, n: 1, k: 1}}\n  - workload: matmul\n    params: {m: {from: 1, to: 100, step: 1}, n: {from: 1, to: 60, step: 1}, k: 1}\n',
      'big.yaml',
    );
    expect(expandSuite(big, ['cpu'])).toHaveLength(6000); // m=1 n=1 k=1 appears twice; the limit counts before de-duplication
    let caught: unknown;
    try {
      expandSuite(big, ['cpu', 'cuda']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toBe(
      `big.yaml:4:5: this entry brings the suite to 12002 cases (12000 from this entry), above the limit of ${MAX_CASES}; narrow the sweeps or split the suite`,
    );
  });
});
