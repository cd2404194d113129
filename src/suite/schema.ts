/**
 * Structural validation of a suite against schema/suite.schema.json (draft-07, the file editors
 * use through the modeline) with ajv 8, and the translation of ajv's errors into one message at
 * the `file:line:col` of the offending node. Values whose meaning depends on the workload
 * (workload, dtype, params, threshold) are re-checked by the loader with sharper messages, so
 * schema errors under those paths are left to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../util/paths.js';
import { describeValue } from '../workloads/params.js';
import { pathLabel, pointerToPath, type DocPath } from './path.js';
import { didYouMean } from './suggest.js';
import type { YamlInput } from './yaml.js';

/** Where the suite schema lives, shipped with the package. */
export const SUITE_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'suite.schema.json');

let compiled: ValidateFunction | undefined;

/** The compiled validator, built once. `x-expect`/`x-example` are message annotations. */
export function suiteValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    ajv.addVocabulary(['x-expect', 'x-example']);
    compiled = ajv.compile(JSON.parse(readFileSync(SUITE_SCHEMA_PATH, 'utf8')) as object);
  }
  return compiled;
}

/** Paths the loader checks itself, with workload-aware messages. */
const LOADER_CHECKED = /^\/cases\/\d+\/(params\/.+|dtype(\/.*)?|workload|threshold)$|^\/threshold$/;

/** Validates `input.data`; throws one InputError for the first problem in file order. */
export function checkSchema(input: YamlInput): void {
  const validate = suiteValidator();
  if (validate(input.data)) return;
  const errors = (validate.errors ?? []).filter((e) => !LOADER_CHECKED.test(e.instancePath));
  const specific = errors.filter(
    (e) => (!['anyOf', 'oneOf', 'not', 'propertyNames'].includes(e.keyword) || e.propertyName !== undefined) && !reservedWrapper(e, errors),
  );
  const pool = specific.length > 0 ? specific : errors;
  const located = pool.map((e) => ({ e, pos: input.posOf(...target(e)) }));
  located.sort(
    (a, b) => rank(a.e) - rank(b.e) || a.pos.line - b.pos.line || a.pos.col - b.pos.col || depth(b.e) - depth(a.e),
  );
  const first = located[0];
  if (!first) return;
  const more = located.length - 1;
  throw new InputError(message(first.e), first.pos, more > 0 ? `${more} more schema problem(s) in this file` : undefined);
}

/** Unknown and reserved keys first (a typo also causes a "missing" error), missing keys last. */
function rank(e: ErrorObject): number {
  if (e.keyword === 'additionalProperties' || reservedKey(e) !== undefined) return 0;
  return e.keyword === 'required' ? 2 : 1;
}

/** The key a propertyNames error is about (`__proto__`, a bad runner name). */
function reservedKey(e: ErrorObject): string | undefined {
  if (e.keyword === 'propertyNames') return (e.params as { propertyName?: string }).propertyName;
  return e.propertyName;
}

/** An outer propertyNames error whose inner error (with `propertyName`) says more. */
function reservedWrapper(e: ErrorObject, all: ErrorObject[]): boolean {
  return e.keyword === 'propertyNames' && all.some((o) => o.propertyName !== undefined && o.instancePath === e.instancePath);
}

function depth(e: ErrorObject): number {
  return pointerToPath(e.instancePath).length;
}

/** The path to point at, and whether to point at the key rather than the value. */
function target(e: ErrorObject): [DocPath, boolean] {
  const path = pointerToPath(e.instancePath);
  const extra =
    e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : reservedKey(e);
  return extra !== undefined ? [[...path, extra], true] : [path, false];
}

function annotation(e: ErrorObject, key: 'x-expect' | 'x-example'): string | undefined {
  const v = e.parentSchema?.[key] as unknown;
  return typeof v === 'string' ? v : undefined;
}

/** One-line message for an ajv error: what is wrong and what to write instead. */
function message(e: ErrorObject): string {
  const path = pointerToPath(e.instancePath);
  const label = pathLabel(path);
  const reserved = reservedKey(e);
  if (reserved !== undefined) {
    const where = label === 'the suite' ? 'at the top level' : `in ${label}`;
    if (e.keyword === 'not' || e.keyword === 'propertyNames') {
      return `key "${reserved}" ${where} is a reserved JavaScript name; remove or rename it`;
    }
    return `key "${reserved}" ${where} must be ${annotation(e, 'x-expect') ?? e.message ?? 'a valid name'}`;
  }
  switch (e.keyword) {
    case 'required':
      return missingMessage(e, label);
    case 'additionalProperties':
      return unknownKeyMessage(e, label);
    case 'uniqueItems': {
      const { j } = e.params as { i: number; j: number };
      const dup = Array.isArray(e.data) ? (e.data as unknown[])[j] : undefined;
      return `${label} lists ${describeValue(dup)} twice; remove the duplicate`;
    }
    default: {
      const expect = annotation(e, 'x-expect') ?? e.message ?? 'valid';
      const must = expect.startsWith('must ') ? expect : `must be ${expect}`;
      return `${label} ${must}, got ${describeValue(e.data)}`;
    }
  }
}

function missingMessage(e: ErrorObject, label: string): string {
  const prop = (e.params as { missingProperty: string }).missingProperty;
  const props = (e.parentSchema?.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const schema = props[prop];
  const example = schema?.['x-example'];
  const expect = schema?.['x-expect'];
  const value = typeof example === 'string' ? example : `<${typeof expect === 'string' ? expect : 'value'}>`;
  return `${label} is missing "${prop}"; add ${prop}: ${value}`;
}

function unknownKeyMessage(e: ErrorObject, label: string): string {
  const key = (e.params as { additionalProperty: string }).additionalProperty;
  const allowed = Object.keys((e.parentSchema?.properties ?? {}) as object);
  const where = label === 'the suite' ? 'at the top level' : `in ${label}`;
  return `unknown key "${key}" ${where}${didYouMean(key, allowed)} (allowed: ${allowed.join(', ')})`;
}
