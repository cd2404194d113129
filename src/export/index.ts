/**
 * Exports for the ecosystem: each format is one file with a pure render function
 * from a result file to text; this registry maps `mpsbench export --format` names to them.
 */
import { UsageError } from '../errors.js';
import { csvReporter } from '../reporters/csv.js';
import type { ResultFile } from '../results/types.js';
import { gabBigger, gabSmaller, renderGab } from './gab.js';
import { renderGbench } from './gbench.js';
import { renderHyperfine } from './hyperfine.js';
import type { ExportFormat } from './names.js';

export { gabBigger, gabSmaller } from './gab.js';
export { gbenchExport } from './gbench.js';
export { hyperfineExport } from './hyperfine.js';

export type { ExportFormat } from './names.js';

/** Every export format by name: exactly the names of names.ts. */
export const EXPORTS = {
  'gab-smaller': (r: ResultFile) => renderGab(gabSmaller(r)),
  'gab-bigger': (r: ResultFile) => renderGab(gabBigger(r)),
  gbench: renderGbench,
  hyperfine: renderHyperfine,
  csv: (r: ResultFile) => csvReporter.render(r),
} as const satisfies Record<ExportFormat, (r: ResultFile) => string>;

/** Checks a `--format` name; UsageError (exit 2) naming the known formats otherwise. */
export function exportFormat(name: string): ExportFormat {
  if (!Object.hasOwn(EXPORTS, name)) {
    throw new UsageError(`unknown export format '${name}'; expected one of: ${Object.keys(EXPORTS).join(', ')}`);
  }
  return name as ExportFormat;
}

/** Renders `result` in `format` (checked with `exportFormat`). */
export function renderExport(result: ResultFile, format: string): string {
  return EXPORTS[exportFormat(format)](result);
}
