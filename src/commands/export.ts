/**
 * `mpsbench export RESULT.json --format F [--out FILE]`: converts a result file into another
 * tool's format (src/export). Writes to stdout, or atomically to `--out` (refusing to overwrite
 * without `--force`). Exit 0, or 2 on an unreadable file or unknown format.
 */
import { info } from '../log.js';
import { exportFormat, renderExport } from '../export/index.js';
import { readResultFile } from '../results/read.js';
import { ensureOutputWritable, isStdout, STDOUT, writeOutput } from '../util/output.js';
import { ExitCode } from '../errors.js';

/** Options of `mpsbench export`, as commander parses them. */
export interface ExportOptions {
  format: string;
  out?: string;
  force?: boolean;
}

/** Runs `export`; returns the exit code. */
export async function exportCommand(file: string, opts: ExportOptions): Promise<number> {
  exportFormat(opts.format);
  const result = await readResultFile(file);
  const text = renderExport(result, opts.format);
  const out = opts.out ?? STDOUT;
  ensureOutputWritable(out, opts.force ?? false);
  await writeOutput(out, text);
  if (!isStdout(out)) info(`wrote ${out} (${opts.format})`);
  return ExitCode.ok;
}
