/**
 * Built-in suites: the YAML files shipped in `suites/` at the package root, found from this
 * module's location so the same code works from `dist/` and from `src/` under vitest. A suite
 * argument without `/` and without a `.yaml`/`.yml` extension names a built-in suite; anything
 * else is a path, so `mpsbench run default` and `mpsbench run suites/x.yaml` both work.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { PACKAGE_ROOT } from '../util/paths.js';
import { loadSuiteFile } from './load.js';
import { didYouMean } from './suggest.js';
import type { ResolvedSuite } from './types.js';

/** Directory of the shipped suites. */
export const SUITES_DIR = join(PACKAGE_ROOT, 'suites');

/** True when `arg` names a built-in suite rather than a file. */
export function isBuiltinName(arg: string): boolean {
  return !/[/\\]/.test(arg) && !/\.ya?ml$/i.test(arg);
}

/** Names of the shipped suites, sorted (`default`, `full`). */
export async function builtinSuiteNames(): Promise<string[]> {
  const files = await readdir(SUITES_DIR);
  return files.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** Path of the built-in suite `name`; a UsageError listing the known ones if there is none. */
export async function builtinSuitePath(name: string): Promise<string> {
  const names = await builtinSuiteNames();
  if (!names.includes(name)) {
    throw new UsageError(
      `no built-in suite named "${name}"${didYouMean(name, names)}`,
      `built-in suites: ${names.join(', ')}; to load a file, pass its path (e.g. ./${name}.yaml)`,
    );
  }
  return join(SUITES_DIR, `${name}.yaml`);
}

/** Loads a suite argument from the command line: a built-in name or a path to a file. */
export async function loadSuiteArg(arg: string): Promise<ResolvedSuite> {
  return loadSuiteFile(isBuiltinName(arg) ? await builtinSuitePath(arg) : arg);
}
