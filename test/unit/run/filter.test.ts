import { describe, expect, it } from 'vitest';
import { caseFilter } from '../../../src/run/filter.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import type { CaseInstance } from '../../../src/types.js';

function instance(backend: string, spec: string, extra: Partial<CaseInstance> = {}): CaseInstance {
  const workload = spec.split(' ')[0] ?? '';
  const dtype = (/dtype=(\w+)/.exec(spec)?.[1] ?? 'f32') as CaseInstance['dtype'];
  return { key: `${backend}/${spec}`, spec, backend, workload, dtype, params: {}, seed: 1, budget: { ...DEFAULT_BUDGET }, suite: 'default', ...extra };
}

const CASES = [
  instance('cpu', 'matmul m=1024 n=1024 k=1024 dtype=f32'),
  instance('cpu', 'matmul m=2048 n=2048 k=2048 dtype=f16'),
  instance('cuda', 'matmul m=2048 n=2048 k=2048 dtype=f32', { name: 'big' }),
  instance('cpu', 'conv2d n=4 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 dtype=f32'),
];
const pick = (...terms: string[]): string[] => CASES.filter(caseFilter(terms)).map((c) => c.key);

describe('--filter', () => {
  it('matches whole words: workload, dtype, backend, name=value, entry name', () => {
    expect(pick('conv2d')).toEqual([CASES[3]?.key]);
    expect(pick('f16')).toEqual([CASES[1]?.key]);
    expect(pick('cuda')).toEqual([CASES[2]?.key]);
    expect(pick('m=1024')).toEqual([CASES[0]?.key]);
    expect(pick('big')).toEqual([CASES[2]?.key]);
    expect(pick('m=10')).toEqual([]);
    expect(pick('matmu')).toEqual([]);
  });

  it('treats * and ? as a glob on the whole key', () => {
    expect(pick('cpu/matmul m=2048*')).toEqual([CASES[1]?.key]);
    expect(pick('*/matmul m=2048*')).toEqual([CASES[1]?.key, CASES[2]?.key]);
    expect(pick('*dtype=f1?')).toEqual([CASES[1]?.key]);
    expect(pick('matmul*')).toEqual([]);
  });

  it('keeps a case only when every term matches, and everything with no term', () => {
    expect(pick('matmul', 'f32')).toEqual([CASES[0]?.key, CASES[2]?.key]);
    expect(pick('matmul', 'cpu', 'f32')).toEqual([CASES[0]?.key]);
    expect(pick()).toHaveLength(4);
  });
});
