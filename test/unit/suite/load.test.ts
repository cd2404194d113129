import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import { builtinSuiteNames, isBuiltinName, loadSuiteArg, SUITES_DIR } from '../../../src/suite/builtin.js';
import { expandSuite } from '../../../src/suite/expand.js';
import { loadSuiteFile, parseSuiteText } from '../../../src/suite/load.js';

const GOOD = join(import.meta.dirname, '../../fixtures/suites/good/all-features.yaml');

async function refusal(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a refusal');
  return err;
}

describe('a suite using every feature (BOM, CRLF, hex, ranges, list-of-lists)', () => {
  test('resolves', async () => {
    const suite = await loadSuiteFile(GOOD);
    expect(suite).toMatchObject({
      name: 'all_features-1',
      file: GOOD,
      description: 'Every feature of the format, for the loader tests.',
      backends: ['cpu', 'cuda'],
      seed: 7,
      threshold: 0.05,
      budget: { ...DEFAULT_BUDGET, min_time_s: 0.5, max_time_s: 5, rel_ci: 0.01 },
    });
    const [mm, conv, mlp] = suite.entries;
    expect(mm).toEqual({
      workload: 'matmul',
      name: 'sweep',
      dtypes: ['f32', 'tf32'],
      params: { m: [256, 1024], n: [256, 512, 1024, 2048, 4096], k: [128, 256, 384, 512], trans_b: [false, true] },
      backends: ['cuda'],
      threshold: 0.1,
      budget: { max_samples: 50 },
      source: { file: GOOD, line: 9, col: 5 },
    });
    expect(conv?.dtypes).toEqual(['bf16']);
    expect(mlp?.params).toEqual({ layers: [[784, 10], [784, 128, 10]], batch: [16], lr: [0.001] });
  });

  test('expands to the product of its sweeps', async () => {
    const cases = expandSuite(await loadSuiteFile(GOOD), ['cpu', 'cuda']);
    // matmul: 2 dtypes × 2 m × 5 n × 4 k × 2 trans_b on cuda only = 160; conv 2 backends; train 2 × 2.
    expect(cases).toHaveLength(160 + 2 + 4);
    expect(cases.find((c) => c.workload === 'matmul')?.budget.max_samples).toBe(50);
    expect(cases.find((c) => c.workload === 'conv2d')?.key).toBe(
      'cpu/conv2d n=1 c=8 h=9 w=9 k=8 r=3 s=3 dilation=2 groups=4 layout=nhwc dtype=bf16',
    );
  });
});

test('runners: relative arguments resolve against the suite directory, positions kept', () => {
  const suite = parseSuiteText(
    'name: t\nrunners:\n  mine: [python3, ./r.py, --flag, ../x]\ncases:\n  - {workload: matmul, params: {m: 1, n: 1, k: 1}}\n',
    '/suites/dir/x.yaml',
  );
  expect(suite.runners).toEqual([
    { name: 'mine', command: ['python3', '/suites/dir/r.py', '--flag', '/suites/x'], source: { file: '/suites/dir/x.yaml', line: 3, col: 3 } },
  ]);
});

describe('files that are not suites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpsbench-suite-'));

  test('a directory', async () => {
    const err = await refusal(loadSuiteFile(dir));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`${dir}: is a directory, not a suite file; name a .yaml file inside it`);
  });

  test('a missing file', async () => {
    const err = await refusal(loadSuiteFile(join(dir, 'nope.yaml')));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('nope.yaml: no such file; check the path');
  });

  test('a file over 1 MiB', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `name: t\n${'#'.repeat(1024 * 1024)}\n`);
    const err = await refusal(loadSuiteFile(big));
    expect(err.message).toBe(`${big}:1:1: the file is 1048585 bytes; suite files are limited to 1 MiB (1048576 bytes), split it into several suites`);
  });
});

describe('built-in suites', () => {
  test('names and lookup', async () => {
    expect(await builtinSuiteNames()).toEqual(['apple-frameworks', 'default', 'full', 'gate', 'pytorch-mps-vs-cpu', 'tf-metal-vs-cpu']);
    expect(isBuiltinName('default')).toBe(true);
    expect(isBuiltinName('suites/x.yaml')).toBe(false);
    expect(isBuiltinName('x.yml')).toBe(false);
    expect(isBuiltinName('.\\x')).toBe(false);
    const err = await refusal(loadSuiteArg('defualt'));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('no built-in suite named "defualt"; did you mean default?');
  });

  test('default is small: 10 cases per backend, the MNIST MLP and one case of each forward workload included', async () => {
    const suite = await loadSuiteArg('default');
    expect(suite.file).toBe(join(SUITES_DIR, 'default.yaml'));
    const cases = expandSuite(suite, ['cpu']);
    expect(cases.map((c) => c.spec)).toEqual([
      'matmul m=256 n=256 k=256 dtype=f32',
      'matmul m=1024 n=1024 k=1024 dtype=f32',
      'matmul m=2048 n=2048 k=2048 dtype=f32',
      'matmul m=1024 n=1024 k=1024 dtype=f16',
      'conv2d n=4 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 dtype=f32',
      'conv2d n=4 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 layout=nhwc dtype=f32',
      'train layers=784,1024,1024,10 batch=128 dtype=f32',
      'attention heads=8 seq=512 causal=true dtype=f32',
      'bandwidth mib=64 dtype=f32',
      'infer layers=784,1024,1024,10 dtype=f32',
    ]);
    // Each case takes at most warm-up plus max_time_s of samples: 10 × (2 + ~0.5) s < 60 s.
    expect(cases.every((c) => c.budget.max_time_s === 2)).toBe(true);
  });

  test('full loads and covers every dtype and both layouts', async () => {
    const cases = expandSuite(await loadSuiteArg('full'), ['cuda']);
    expect(new Set(cases.map((c) => c.dtype))).toEqual(new Set(['f32', 'tf32', 'f16', 'bf16']));
    expect(new Set(cases.filter((c) => c.workload === 'conv2d').map((c) => c.params.layout))).toEqual(new Set(['nchw', 'nhwc']));
    expect(cases.filter((c) => c.workload === 'train')).toHaveLength(12);
    expect(cases).toHaveLength(166);
  });

  test('shipped suites carry the schema modeline', () => {
    for (const name of ['default', 'full']) {
      const text = readFileSync(join(SUITES_DIR, `${name}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/suite.schema.json');
    }
  });
});
