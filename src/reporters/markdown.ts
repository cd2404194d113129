/**
 * Markdown reporter: a GitHub-flavoured report of one result file. A header names the machine,
 * CPU, GPUs, runners with their libraries, the date, tool version and git commit; then one table
 * per workload from `table.ts` (only varying parameters as columns, constant ones in a caption
 * line); then a footer listing every case that did not complete, and how to read the numbers.
 * A suite's published speed-up claims, when it states any, come first, each with what was measured.
 */
import type { EnvRecord, ResultFile } from '../results/types.js';
import { markdownTable } from '../render/markdown-table.js';
import { claimsSection } from './claims.js';
import { formatBytes } from '../render/units.js';
import type { Reporter, RenderOptions } from './reporter.js';
import {
  BASELINE_BACKEND,
  tableNotes,
  buildTables,
  describeStatus,
  failedCases,
  type WorkloadTable,
} from './table.js';

/** The runners line: `cpu: mpsbench-cpu 0.1.0 (blas OpenBLAS 0.3.26)`, one per backend. */
function runnerLines(env: EnvRecord): string[] {
  return Object.values(env.runners).map((r) => {
    const libs = Object.entries(r.libraries ?? {}).map(([k, v]) => `${k} ${v}`);
    const device = r.device.name === '' ? '' : ` on ${r.device.name}`;
    const libText = libs.length > 0 ? ` (${libs.join(', ')})` : '';
    return `  - ${r.backend}: ${r.runner.name} ${r.runner.version}${device}${libText}`;
  });
}

/** The header: title and a bullet list describing where and when the result was measured. */
function header(result: ResultFile): string[] {
  const { env } = result;
  const { host } = env;
  const { git } = env.tool;
  const commit = git ? `, commit ${git.commit.slice(0, 12)}${git.dirty ? ' (dirty)' : ''}` : '';
  const gpus = env.gpus.map((g) =>
    g.memory_bytes === undefined ? g.name : `${g.name} (${formatBytes(g.memory_bytes)})`,
  );
  const os = `${host.os} (${host.platform} ${host.release}, ${host.arch})`;
  const lines = [
    `# mpsbench results: ${env.machine}`,
    '',
    `- **Date:** ${result.created}${result.finished === undefined ? '' : ` to ${result.finished}`}`,
    `- **Tool:** ${env.tool.name} ${env.tool.version}${commit}, Node ${env.node}`,
    `- **Machine:** ${env.machine}: ${os}, ${formatBytes(host.memory_bytes)} memory`,
    `- **CPU:** ${host.cpu.model} (${host.cpu.cores} cores, ${host.cpu.logical} threads)`,
    `- **GPUs:** ${gpus.length > 0 ? gpus.join('; ') : 'none'}`,
    '- **Runners:**',
    ...runnerLines(env),
  ];
  if (result.suites.length > 0) {
    lines.push(`- **Suites:** ${result.suites.map((s) => s.name).join(', ')}`);
  }
  lines.push(`- **Launches per case:** ${result.settings.launches}`);
  if (!result.complete) lines.push('', '> **Incomplete run:** some cases were not measured.');
  return lines;
}

/** One workload section: heading, constant parameters, table. */
function section(t: WorkloadTable): string[] {
  const table = markdownTable(
    t.columns.map((c) => c.header),
    t.rows.map((r) => r.cells),
    t.columns.map((c) => c.align === 'right'),
  );
  const fixed = t.constants.map((c) => `\`${c}\``).join(', ');
  const caption = t.constants.length > 0 ? [`Fixed: ${fixed}`, ''] : [];
  return [`## ${t.workload}`, '', ...caption, table];
}

/** The footer: cases that did not complete, then how to read the numbers. */
function footer(result: ResultFile, opts: RenderOptions): string[] {
  const failed = failedCases(result);
  const lines: string[] = [];
  if (failed.length > 0) {
    lines.push('## Cases that did not complete', '');
    for (const c of failed) lines.push(`- \`${c.key}\`: ${describeStatus(c)}`);
    lines.push('');
  }
  const spread =
    opts.spread === 'p5-p95'
      ? 'p5–p95 are the 5th and 95th percentiles. '
      : '± is half the width of the 95% confidence interval of the median. ';
  lines.push(
    '---',
    '',
    'Times are medians of per-iteration times; ' +
      spread +
      'FLOP/s use decimal prefixes (1 GFLOP/s = 10⁹ FLOP/s); ' +
      'bytes use binary prefixes (1 GiB = 2³⁰ bytes). ' +
      `×${BASELINE_BACKEND} is the \`${BASELINE_BACKEND}\` backend's median divided by ` +
      "this row's median, for the same case.",
  );
  const notes = tableNotes(buildTables(result, opts));
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines;
}

/** Markdown reporter (`md`): header, claims, one GFM table per workload, footer. */
export const markdownReporter: Reporter = {
  name: 'md',
  extension: 'md',
  render(result: ResultFile, opts: RenderOptions = {}): string {
    const sections = buildTables(result, opts).flatMap((t) => [...section(t), '']);
    return [...header(result), '', ...claimsSection(result), ...sections, ...footer(result, opts)].join('\n') + '\n';
  },
};
