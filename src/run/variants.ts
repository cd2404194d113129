/**
 * Variants: two (or more) versions of the same backends measured in one run, their launches
 * interleaved case by case (scheduler.ts), so that `mpsbench compare RESULT.json` can pair them
 * (docs/gating.md "Interleaved A/B"). A variant changes how runners start, never what they run:
 *
 *   --variant NAME[:SETTING[,SETTING…]]      (repeatable; the same NAME again adds settings)
 *
 *   env.VAR=VALUE      an environment variable for the runner processes
 *   python=PATH        the interpreter of the torch-* backends (MPSBENCH_PYTHON)
 *   native=DIR         build the native backends from this native/ tree (another checkout's)
 *   runner.NAME=CMD    the command of custom runner NAME (declared here if --runner did not)
 *   threads=N          compute threads for CPU backends (MPSBENCH_THREADS)
 *
 * The first variant named is the baseline. Settings are split at commas that begin another
 * `KEY=`, so commands and values may contain commas otherwise.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { splitArgv } from '../runner/custom.js';
import type { LaunchOptions } from '../runner/backend.js';
import type { VariantRecord } from '../results/types.js';
import type { CaseInstance, CustomRunner } from '../types.js';
import { positiveInt } from '../util/flags.js';

/** One variant, resolved (the result file records it, with its runners' hellos, as a VariantRecord). */
export type Variant = Omit<VariantRecord, 'hello'> & { commands: Record<string, string[]> };

const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const SETTING_START = /,(?=(?:env\.[A-Za-z_][A-Za-z0-9_]*|python|native|threads|runner\.[a-z0-9][a-z0-9_-]*)=)/;

const HINT = 'e.g. --variant base:native=../base/native --variant head:native=./native, or --variant a:env.OPENBLAS_NUM_THREADS=1';

/** Applies one `KEY=VALUE` setting to `v`. */
function applySetting(v: Variant, text: string): void {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? '' : text.slice(eq + 1);
  if (eq < 0 || value === '') throw new UsageError(`--variant ${v.name}: setting "${text}" needs KEY=VALUE`, HINT);
  if (key.startsWith('env.') && /^env\.[A-Za-z_][A-Za-z0-9_]*$/.test(key)) v.env[key.slice(4)] = value;
  else if (key === 'python') v.python = value;
  else if (key === 'native') v.native = resolve(value);
  else if (key === 'threads') v.threads = positiveInt(value, `--variant ${v.name}: threads`);
  else if (key.startsWith('runner.') && NAME.test(key.slice(7))) {
    const argv = splitArgv(value);
    if (argv.length === 0) throw new UsageError(`--variant ${v.name}: ${key} names no command`, HINT);
    v.commands[key.slice(7)] = argv;
  } else {
    throw new UsageError(`--variant ${v.name}: unknown setting "${key}" (env.VAR, python, native, runner.NAME, threads)`, HINT);
  }
}

/**
 * Parses every `--variant` value into variants in order of first mention; UsageError (exit 2)
 * on a bad name or setting. One variant is allowed: a run of one build under a name, whose file
 * compares (as two files, sequentially) with another run's variant of the same name.
 */
export function parseVariants(args: readonly string[]): Variant[] {
  const out: Variant[] = [];
  for (const arg of args) {
    const colon = arg.indexOf(':');
    const name = (colon < 0 ? arg : arg.slice(0, colon)).trim();
    if (!NAME.test(name)) throw new UsageError(`--variant needs a name of lowercase letters, digits, - and _ first, got "${arg}"`, HINT);
    let v = out.find((x) => x.name === name);
    if (v === undefined) out.push((v = { name, env: {}, commands: {} }));
    const rest = colon < 0 ? '' : arg.slice(colon + 1);
    if (rest.trim() !== '') for (const s of rest.split(SETTING_START)) applySetting(v, s.trim());
  }
  return out;
}

/**
 * Custom runners the variants name that no `--runner` or suite declared: each is declared with
 * the first variant's command so planning knows the backend (each variant still runs its own).
 */
export function variantRunners(variants: readonly Variant[], declared: readonly string[]): CustomRunner[] {
  const out: CustomRunner[] = [];
  for (const v of variants) {
    for (const [name, command] of Object.entries(v.commands)) {
      if (!declared.includes(name) && !out.some((r) => r.name === name)) out.push({ name, command });
    }
  }
  return out;
}

/** The key of a case of a variant: `<backend>/<spec> @<variant>`. */
export function variantKey(key: string, variant: string): string {
  return `${key} @${variant}`;
}

/** Every case once per variant, the variants of a case next to each other (baseline first). */
export function expandVariants(cases: readonly CaseInstance[], variants: readonly Variant[]): CaseInstance[] {
  if (variants.length === 0) return [...cases];
  return cases.flatMap((c) => variants.map((v) => ({ ...c, key: variantKey(c.key, v.name), variant: v.name })));
}

/** How a runner of `variant` starts: its environment, threads and native tree over the run's. */
export function variantLaunchOptions(base: LaunchOptions, variant: Variant | undefined): LaunchOptions {
  if (variant === undefined) return base;
  const env: NodeJS.ProcessEnv = { ...(base.env ?? process.env), ...variant.env };
  if (variant.python !== undefined) env.MPSBENCH_PYTHON = variant.python;
  return {
    ...base,
    env,
    ...(variant.threads !== undefined ? { threads: variant.threads } : {}),
    ...(variant.native !== undefined ? { nativeDir: variant.native } : {}),
  };
}
