import { expect, test } from 'vitest';
import { conv2d } from '../../../src/workloads/conv2d.js';
import { matmul } from '../../../src/workloads/matmul.js';
import { checkParamValue, describeValue, exampleValue, expectation, sameValue, valueNote } from '../../../src/workloads/params.js';
import { train } from '../../../src/workloads/train.js';
import type { ParamDef } from '../../../src/workloads/types.js';

function def(w: { params: readonly ParamDef[] }, name: string): ParamDef {
  const d = w.params.find((p) => p.name === name);
  if (!d) throw new Error(name);
  return d;
}

test('int parameters', () => {
  const m = def(matmul, 'm');
  expect(checkParamValue(m, 1)).toBeUndefined();
  expect(checkParamValue(m, 2 ** 31 - 1)).toBeUndefined();
  expect(checkParamValue(m, 0)).toBe('must be a positive integer');
  expect(checkParamValue(m, 1.5)).toBe('must be a positive integer');
  expect(checkParamValue(m, '8')).toBe('must be a positive integer');
  expect(checkParamValue(m, 2 ** 31)).toBe('must be at most 2147483647');
  expect(checkParamValue(def(conv2d, 'pad'), 0)).toBeUndefined();
  expect(checkParamValue(def(conv2d, 'pad'), -1)).toBe('must be a non-negative integer');
});

test('bool, enum, number and int-list parameters', () => {
  const t = def(matmul, 'trans_a');
  expect(checkParamValue(t, true)).toBeUndefined();
  expect(checkParamValue(t, 'yes')).toBe('must be true or false');
  expect(valueNote(t, 'yes')).toBe(' (YAML 1.2 reads yes as a string; write true or false)');
  expect(valueNote(t, 'maybe')).toBe('');
  expect(checkParamValue(def(conv2d, 'layout'), 'nhwc')).toBeUndefined();
  expect(checkParamValue(def(conv2d, 'layout'), 'NHWC')).toBe('must be one of nchw, nhwc');
  const lr = def(train, 'lr');
  expect(checkParamValue(lr, 0.5)).toBeUndefined();
  expect(checkParamValue(lr, 0)).toBe('must be a number greater than 0');
  expect(checkParamValue(lr, Infinity)).toBe('must be a number greater than 0');
  const layers = def(train, 'layers');
  expect(expectation(layers)).toBe('a list of at least 2 positive integers');
  expect(checkParamValue(layers, [784, 10])).toBeUndefined();
  expect(checkParamValue(layers, [784])).toBe('must be a list of at least 2 positive integers');
  expect(checkParamValue(layers, [784, 0])).toBe('must be a list of at least 2 positive integers');
  expect(exampleValue(layers)).toBe('[784, 128, 10]');
  expect(exampleValue(def(conv2d, 'stride'))).toBe('1');
});

test('describeValue and sameValue', () => {
  expect(describeValue('x')).toBe('"x"');
  expect(describeValue([1, [2, 3]])).toBe('[1, [2, 3]]');
  expect(describeValue({ a: 1 })).toBe('a mapping');
  expect(describeValue(null)).toBe('nothing (null)');
  expect(describeValue('y'.repeat(200))).toHaveLength(80);
  expect(sameValue([1, 2], [1, 2])).toBe(true);
  expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
  expect(sameValue(1, 1)).toBe(true);
});
