/**
 * Checking and reading single parameter values, shared by the suite loader and `--case` parsing
 * so both accept exactly the same values and word their complaints the same way.
 */
import type { ParamValue } from '../types.js';
import type { ParamDef } from './types.js';
import type { Params } from '../types.js';

/** Short rendering of any value for "got …" in messages: strings quoted, lists bracketed, capped. */
export function describeValue(value: unknown): string {
  const text = render(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function render(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return 'a mapping';
}

/** A sample value of the parameter's kind, for "add m: 1024" suggestions. */
export function exampleValue(def: ParamDef): string {
  if (def.default !== undefined) return Array.isArray(def.default) ? `[${def.default.join(', ')}]` : String(def.default);
  switch (def.kind) {
    case 'int-list':
      return '[784, 128, 10]';
    case 'bool':
      return 'true';
    case 'enum':
      return def.values?.[0] ?? '…';
    default:
      return '1024';
  }
}

/** What a parameter accepts, phrased to follow "must be": `a positive integer`. */
export function expectation(def: ParamDef): string {
  switch (def.kind) {
    case 'int':
      return intPhrase(def);
    case 'number':
      return def.exclusiveMin ? `a number greater than ${def.min ?? 0}` : 'a finite number';
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${(def.values ?? []).join(', ')}`;
    case 'int-list':
      return `a list of at least ${def.minItems ?? 1} ${intPhrase(def).replace(/^an? /, '')}s`;
  }
}

function intPhrase(def: ParamDef): string {
  if (def.min === 1) return 'a positive integer';
  if (def.min === 0) return 'a non-negative integer';
  return 'an integer';
}

/** Why `value` is not acceptable for `def`, as text following "must be …", or undefined if fine. */
export function checkParamValue(def: ParamDef, value: unknown): string | undefined {
  const want = `must be ${expectation(def)}`;
  switch (def.kind) {
    case 'int':
      return checkInt(def, value, want);
    case 'number':
      return checkNumber(def, value, want);
    case 'bool':
      return typeof value === 'boolean' ? undefined : want;
    case 'enum':
      return typeof value === 'string' && (def.values ?? []).includes(value) ? undefined : want;
    case 'int-list':
      return checkIntList(def, value, want);
  }
}

function checkInt(def: ParamDef, value: unknown, want: string): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return want;
  if (def.min !== undefined && value < def.min) return want;
  if (def.max !== undefined && value > def.max) return `must be at most ${def.max}`;
  return undefined;
}

function checkNumber(def: ParamDef, value: unknown, want: string): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return want;
  const min = def.min;
  if (min !== undefined && (def.exclusiveMin ? value <= min : value < min)) return want;
  if (def.max !== undefined && value > def.max) return `must be at most ${def.max}`;
  return undefined;
}

function checkIntList(def: ParamDef, value: unknown, want: string): string | undefined {
  if (!Array.isArray(value) || value.length < (def.minItems ?? 1)) return want;
  const elem: ParamDef = { ...def, kind: 'int' };
  return value.some((v) => checkInt(elem, v, want) !== undefined) ? want : undefined;
}

const YAML11_BOOLS = ['yes', 'no', 'on', 'off', 'y', 'n', 'True', 'False', 'TRUE', 'FALSE'];

/**
 * A note to append after "got …" when the value was probably meant as something else: `yes`
 * for a boolean (YAML 1.1 habit; YAML 1.2 reads it as a string). Empty when there is nothing to add.
 */
export function valueNote(def: ParamDef, value: unknown): string {
  if (def.kind === 'bool' && typeof value === 'string' && YAML11_BOOLS.includes(value)) {
    return ` (YAML 1.2 reads ${value} as a string; write true or false)`;
  }
  return '';
}

/** The defaults of a workload's optional parameters. */
export function defaultParams(defs: readonly ParamDef[]): Params {
  const out: Params = {};
  for (const def of defs) if (def.default !== undefined) out[def.name] = def.default;
  return out;
}

/** True when two parameter values are the same (int-lists element by element). */
export function sameValue(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}

function missing(name: string, want: string): Error {
  return new Error(`parameter ${name} is not ${want} (params not validated?)`);
}

/** An int (or number) parameter of validated params; throws on a programming error. */
export function num(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw missing(name, 'a number');
  return v;
}

/** An int-list parameter of validated params. */
export function intList(params: Params, name: string): number[] {
  const v = params[name];
  if (!Array.isArray(v)) throw missing(name, 'a list');
  return v;
}

/** A string (enum) parameter of validated params. */
export function str(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw missing(name, 'a string');
  return v;
}


/** A boolean parameter of validated params. */
export function bool(params: Params, name: string): boolean {
  const v = params[name];
  if (typeof v !== 'boolean') throw missing(name, 'a boolean');
  return v;
}
