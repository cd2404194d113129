/**
 * The reporter registry: every output format by name, so commands pick one with a string
 * (`--format md`) and adding a format means one file plus one line here.
 */
import { UsageError } from '../errors.js';
import { consoleReporter } from './console.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import type { Reporter } from './reporter.js';

export type { Reporter, RenderOptions } from './reporter.js';
export { consoleReporter, jsonReporter, markdownReporter };
export { csvReporter } from './csv.js';
export { buildTables, type WorkloadTable } from './table.js';

/** Every reporter by name. */
export const reporters = {
  json: jsonReporter,
  md: markdownReporter,
  console: consoleReporter,
} as const satisfies Record<string, Reporter>;

/** A registered reporter name. */
export type ReporterName = keyof typeof reporters;

/** Whether `name` is a registered reporter (narrows it to `ReporterName`). */
export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}

/**
 * The reporter called `name`. Throws a UsageError (exit 2) listing the known names otherwise,
 * since the name comes from the command line.
 */
export function getReporter(name: string): Reporter {
  if (!isReporterName(name)) {
    const known = Object.keys(reporters).join(', ');
    throw new UsageError(
      `unknown report format '${name}'; expected one of: ${known}`,
      'use --format with one of the names above',
    );
  }
  return reporters[name];
}
