import { describe, expect, it, test } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseCaseArg, parseCaseSweep } from '../../../src/suite/case-arg.js';
import { entrySpecs } from '../../../src/suite/expand.js';
import { specString } from '../../../src/suite/key.js';

describe('good --case text', () => {
  test('conv2d with defaults filled', () => {
    const spec = parseCaseArg('conv2d n=8 c=64 h=56 w=56 k=64 r=3 s=3 stride=1 pad=1 dtype=f32');
    expect(spec).toEqual({
      workload: 'conv2d',
      dtype: 'f32',
      params: { n: 8, c: 64, h: 56, w: 56, k: 64, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 1, layout: 'nchw' },
    });
    expect(specString(spec)).toBe('conv2d n=8 c=64 h=56 w=56 k=64 r=3 s=3 pad=1 dtype=f32');
  });

  test('train with an int-list, dtype default f32', () => {
    expect(parseCaseArg('  train model=mlp layers=1024,4096,4096,10   batch=256 ')).toEqual({
      workload: 'train',
      dtype: 'f32',
      params: { model: 'mlp', layers: [1024, 4096, 4096, 10], batch: 256, lr: 0.01 },
    });
  });

  test('booleans, numbers, dtype anywhere; round trip through specString', () => {
    const text = 'matmul dtype=bf16 m=64 n=32 k=16 batch=4 trans_a=true';
    const spec = parseCaseArg(text);
    expect(spec.params).toEqual({ m: 64, n: 32, k: 16, batch: 4, trans_a: true, trans_b: false });
    expect(parseCaseArg(specString(spec))).toEqual(spec);
    expect(parseCaseArg('train layers=8,2 batch=1 lr=1e-3').params.lr).toBe(0.001);
  });
});

describe('bad --case text', () => {
  const cases: [string, string, string?][] = [
    ['', '--case is empty'],
    ['matmull m=1 n=1 k=1', 'unknown workload "matmull"; did you mean matmul?'],
    ['matmul m=1 n=1 k', '"k" is not name=value', 'e.g. m=1024'],
    ['matmul m=1 n=1 k=', '"k=" is not name=value'],
    ['matmul m=1 n=1 =3', '"=3" is not name=value'],
    ['matmul m=1 n=1 k=1 kk=2', 'matmul has no parameter "kk"; did you mean k?', 'matmul takes m, n, k, batch, trans_a, trans_b, dtype and timing'],
    ['matmul m=1 n=1 k=1 m=2', 'names 2 cases where one is expected'],
    ['matmul m=-4 n=1 k=1', 'm=-4: m must be a positive integer, got -4'],
    ['matmul m=abc n=1 k=1', 'm=abc: m must be a positive integer, got "abc"'],
    ['matmul m=1.5 n=1 k=1', 'm must be a positive integer, got 1.5'],
    ['matmul m=1 n=1 k=1 trans_a=yes', 'trans_a must be true or false, got "yes" (YAML 1.2 reads yes as a string'],
    ['matmul m=1 n=1 k=1 dtype=fp16', 'dtype must be one of f32, tf32, f16, bf16, got "fp16"; did you mean f16?', 'dtype is one of f32, tf32, f16, bf16'],
    ['matmul m=1 n=1', 'missing k (a positive integer)', 'add k=1024'],
    ['train batch=8', 'missing layers (a list of at least 2 positive integers)', 'add layers=784,128,10'],
    ['train layers=784 batch=8', 'layers must be a list of at least 2 positive integers, got [784]'],
    ['train layers=784,x batch=8', 'layers must be a list of at least 2 positive integers, got "784,x"'],
    ['conv2d n=1 c=3 h=8 w=8 k=4 r=3 s=3 groups=2', 'groups=2 must divide c=3'],
    ['conv2d n=1 c=3 h=8 w=8 k=4 r=3 s=3 layout=NHWC', 'layout must be one of nchw, nhwc, got "NHWC"'],
  ];
  test.each(cases)('%j', (text, fragment, hint) => {
    let caught: unknown;
    try {
      parseCaseArg(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const err = caught as UsageError;
    expect(err.message).toContain(fragment);
    if (text !== '') expect(err.message.startsWith(`--case "${text}": `)).toBe(true);
    if (hint !== undefined) expect(err.hint).toContain(hint);
    expect(err.exitCode).toBe(2);
  });
});

describe('--case sweeps (llama-bench syntax, the suite sweep code)', () => {
  const specs = (text: string): string[] => [...entrySpecs(parseCaseSweep(text))].map(specString);

  it('expands comma lists, ranges (+step, *mult, plain) and dtype lists in suite order', () => {
    expect(specs('matmul m=256,512 n=8 k=8 dtype=f32,f16')).toEqual([
      'matmul m=256 n=8 k=8 dtype=f32', 'matmul m=512 n=8 k=8 dtype=f32',
      'matmul m=256 n=8 k=8 dtype=f16', 'matmul m=512 n=8 k=8 dtype=f16',
    ]);
    expect(specs('matmul m=256-2048*2 n=8 k=8').map((s) => s.split(' ')[1])).toEqual(['m=256', 'm=512', 'm=1024', 'm=2048']);
    expect(specs('matmul m=100-300+100 n=8 k=8').map((s) => s.split(' ')[1])).toEqual(['m=100', 'm=200', 'm=300']);
    expect(specs('matmul m=1-3 n=8 k=8').map((s) => s.split(' ')[1])).toEqual(['m=1', 'm=2', 'm=3']);
    expect(specs('matmul m=8,64-128*2 n=8 k=8').map((s) => s.split(' ')[1])).toEqual(['m=8', 'm=64', 'm=128']);
  });

  it('sweeps a list parameter by giving it again', () => {
    expect(specs('train layers=784,128,10 layers=784,512,10 batch=8')).toEqual([
      'train layers=784,128,10 batch=8 dtype=f32', 'train layers=784,512,10 batch=8 dtype=f32',
    ]);
  });

  it('refuses what a suite refuses, with the same words, naming the token', () => {
    const message = (text: string): string => {
      try {
        parseCaseSweep(text);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as UsageError).message;
      }
      return 'no error';
    };
    expect(message('matmul m=4096-256*2 n=8 k=8')).toContain('m=4096-256*2: m: from (4096) is above to (256); swap them');
    expect(message('matmul m=1-8*1 n=8 k=8')).toContain('m.mul must be an integer ≥ 2, got 1');
    expect(message('matmul m=1-100000+1 n=8 k=8')).toContain('expands to 100000 values, above the limit of 10000');
    expect(message('matmul m=1-9000 n=1-9000 k=8')).toContain('stands for 81000000 cases, above the limit of 10000');
    expect(message('matmul m=8,x n=8 k=8')).toContain('m=8,x: m must be a positive integer, got "x"');
    expect(message('matmul m=8 n=8 k=8 dtype=f32,f32')).toContain('dtype lists f32 twice');
    expect(message('conv2d n=1 c=3,4 h=8 w=8 k=4 r=3 s=3 groups=2')).toContain('groups=2 must divide c=3 (in ');
  });
});
