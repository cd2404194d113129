/**
 * A suite's `runners:` map (NAME → argv list) to custom runners: arguments written as relative
 * paths (`./x`, `../x`) are resolved against the suite file's directory, so a suite and its runner
 * can move together. Whether they may run is decided at planning (`--allow-custom-runners`).
 */
import { dirname, resolve } from 'node:path';
import type { CustomRunner } from '../types.js';
import type { YamlInput } from './yaml.js';

/** Resolves `runners:` of a suite read from `file`; each runner keeps the position of its key. */
export function resolveSuiteRunners(raw: Record<string, string[]>, file: string, input: YamlInput): CustomRunner[] {
  const base = dirname(resolve(file));
  return Object.entries(raw).map(([name, argv]) => ({
    name,
    command: argv.map((arg) => (/^\.\.?\//.test(arg) ? resolve(base, arg) : arg)),
    source: input.posOf(['runners', name], true),
  }));
}
