import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BUDGET_KEYS, budgetProblems, DEFAULT_BUDGET, mergeBudget } from '../../../src/suite/budget.js';
import { pathLabel, pointerToPath } from '../../../src/suite/path.js';
import { SUITE_SCHEMA_PATH, suiteValidator } from '../../../src/suite/schema.js';
import { closest, didYouMean, editDistance } from '../../../src/suite/suggest.js';
import { firstInvalidUtf8 } from '../../../src/suite/source.js';
import { workloadNames } from '../../../src/workloads/index.js';
import { DTYPES } from '../../../src/types.js';

describe('budget', () => {
  test('defaults are a complete, consistent budget', () => {
    expect(Object.keys(DEFAULT_BUDGET).sort()).toEqual([...BUDGET_KEYS].sort());
    for (const k of BUDGET_KEYS) expect(DEFAULT_BUDGET[k], k).toBeGreaterThan(0);
    expect(Number.isSafeInteger(DEFAULT_BUDGET.min_samples) && Number.isSafeInteger(DEFAULT_BUDGET.max_samples)).toBe(true);
    expect(DEFAULT_BUDGET.rel_ci).toBeLessThan(1);
    expect(budgetProblems(DEFAULT_BUDGET)).toEqual([]);
  });
  test('merge keeps the base and ignores unset fields', () => {
    const merged = mergeBudget(DEFAULT_BUDGET, { max_time_s: 5, min_samples: undefined });
    expect(merged).toEqual({ ...DEFAULT_BUDGET, max_time_s: 5 });
    expect(DEFAULT_BUDGET.max_time_s).not.toBe(5);
    expect(mergeBudget(DEFAULT_BUDGET)).toEqual(DEFAULT_BUDGET);
  });
  test('cross-field problems', () => {
    expect(budgetProblems(DEFAULT_BUDGET)).toEqual([]);
    expect(budgetProblems({ ...DEFAULT_BUDGET, min_samples: 20, max_samples: 10, min_time_s: 3 })).toHaveLength(2);
  });
});

describe('suggestions', () => {
  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  test('closest plausible name only', () => {
    expect(closest('matmull', workloadNames())).toBe('matmul');
    expect(closest('MATMUL', workloadNames())).toBe('matmul');
    expect(closest('fp16', DTYPES)).toBe('f16');
    expect(closest('zzz', workloadNames())).toBeUndefined();
    expect(didYouMean('min_time_ms', BUDGET_KEYS)).toBe('; did you mean min_time_s?');
    expect(didYouMean('qqqq', BUDGET_KEYS)).toBe('');
  });
});

test('paths', () => {
  expect(pointerToPath('')).toEqual([]);
  expect(pointerToPath('/cases/0/params/a~1b~0c')).toEqual(['cases', 0, 'params', 'a/b~c']);
  expect(pathLabel(['cases', 0, 'params', 'm', 2])).toBe('cases[0].params.m[2]');
  expect(pathLabel(['budget', 'a b'])).toBe('budget["a b"]');
  expect(pathLabel([])).toBe('the suite');
});

test('UTF-8 validation', () => {
  expect(firstInvalidUtf8(Buffer.from('héllo ✓ 𝄞'))).toBe(-1);
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc3]))).toBe(1);
  expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
  expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
  expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
});

describe('schema stays in step with the code', () => {
  const schema = JSON.parse(readFileSync(SUITE_SCHEMA_PATH, 'utf8')) as {
    $schema: string;
    definitions: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
  };
  test('draft-07, workloads, dtypes and budget fields match', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.definitions.case?.properties?.workload?.enum).toEqual(workloadNames());
    expect(schema.definitions.dtype?.enum).toEqual([...DTYPES]);
    expect(Object.keys(schema.definitions.budget?.properties ?? {})).toEqual(BUDGET_KEYS);
  });
  test('compiles under ajv strict mode', () => {
    expect(suiteValidator()({ name: 'x', cases: [{ workload: 'matmul', params: { m: 1 } }] })).toBe(true);
  });
});
