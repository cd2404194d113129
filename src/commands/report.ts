/**
 * `mpsbench report <results...>`: merges result files from many machines into one chip-by-chip
 * comparison and writes it as Markdown (`--out`, else stdout), a self-contained HTML page
 * (`--html`) and SVG charts (`--svg DIR`). The only place the comparison touches the disk; the
 * merge and every renderer are pure. A bad input file stops the command with one line (exit 2).
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { info } from '../log.js';
import { mergeResults, type NamedResult } from '../fleet/merge.js';
import { parsePickRule } from '../fleet/pick.js';
import { allCharts, type RenderedChart } from '../fleet/render/charts.js';
import { rooflineCharts } from '../fleet/render/roofline-charts.js';
import { renderComparisonHtml } from '../fleet/render/html.js';
import { renderComparisonMarkdown } from '../fleet/render/markdown.js';
import { readResultFile } from '../results/read.js';
import { writeAtomic } from '../results/write.js';
import { isStdout, writeOutput } from '../util/output.js';
import { TOOL_VERSION } from '../util/version.js';

/** Options of `mpsbench report`, as commander hands them over. */
export interface ReportOptions {
  out?: string;
  html?: string;
  svg?: string;
  pick?: string;
}

/** Reads and parses one input file; unreadable files are input errors (exit 2). */
async function readInput(path: string): Promise<NamedResult> {
  try {
    return { name: basename(path), result: await readResultFile(path) };
  } catch (err) {
    if (err instanceof InputError && path.includes('*') && err.message.startsWith('cannot read')) {
      throw new InputError(err.message, undefined, 'the glob matched no files: run "mpsbench run" first, or check the path');
    }
    throw err;
  }
}

/** A link from the Markdown file's directory to a chart, with forward slashes. */
function chartLink(mdPath: string | undefined, svgDir: string): (c: RenderedChart) => string {
  const from = mdPath === undefined || isStdout(mdPath) ? process.cwd() : dirname(resolve(mdPath));
  return (c) => relative(from, resolve(svgDir, c.name)).split(sep).join('/');
}

/** Writes `text` to `path` and says so on stderr. */
async function emit(path: string, text: string): Promise<void> {
  await writeOutput(path, text);
  if (!isStdout(path)) info(`wrote ${path}`);
}

/** Runs `mpsbench report`; returns the exit code. */
export async function reportCommand(files: string[], opts: ReportOptions): Promise<number> {
  if (files.length === 0) throw new UsageError('report needs at least one result file', 'e.g. mpsbench report results/*.json');
  const pick = parsePickRule(opts.pick);
  const inputs = await Promise.all(files.map(readInput));
  const cmp = mergeResults(inputs, pick);
  const charts = [...allCharts(cmp), ...rooflineCharts(cmp).map((c) => c.chart)];
  if (opts.svg !== undefined) {
    const svgDir = opts.svg;
    for (const c of charts) await writeAtomic(join(svgDir, c.name), c.svg);
    info(`wrote ${charts.length} chart${charts.length === 1 ? '' : 's'} to ${svgDir}`);
  }
  const md = renderComparisonMarkdown(cmp, {
    charts,
    ...(opts.svg !== undefined && { chartHref: chartLink(opts.out, opts.svg) }),
  });
  if (opts.out !== undefined && isStdout(opts.out) && isStdout(opts.html)) throw new UsageError('--out - and --html - would both write to stdout; send one of them to a file');
  if (opts.out !== undefined) await emit(opts.out, md);
  else if (opts.html === undefined && opts.svg === undefined) process.stdout.write(md);
  if (opts.html !== undefined) {
    await emit(opts.html, renderComparisonHtml(cmp, { charts, generator: `mpsbench ${TOOL_VERSION}` }));
  }
  return ExitCode.ok;
}
