/**
 * `mpsbench compare BASELINE.json CURRENT.json`, or `mpsbench compare RESULT.json [--base X
 * --head Y]` for two variants or backends of one run: the CI gate. Reads the result file(s), judges
 * every case by the launch bootstrap (src/compare), prints the report to stdout (it is the
 * command's data: text, md, github or json) and warnings to stderr, and returns the exit code
 * (0 no regression, 1 regression, 2 input error or too few launches, 3 runner failures).
 */
import { compareResults, compareWithin, parseThresholdFlag, type CompareReport, type GatePolicy } from '../compare/index.js';
import { COMPARE_FORMATS, type CompareFormat } from '../compare/names.js';
import { renderMarkdown } from '../compare/render-markdown.js';
import { renderJson, renderText } from '../compare/render-text.js';
import { UsageError } from '../errors.js';
import { warn } from '../log.js';
import { readResultFile } from '../results/read.js';
import type { ResultFile } from '../results/types.js';
import { distortionWarnings } from '../env/host-state.js';
import { positiveInt } from '../util/flags.js';

/** Options of `mpsbench compare`, as commander parses them. */
export interface CompareOptions {
  threshold?: string;
  format: string;
  minLaunches: string;
  failOnInconclusive?: boolean;
  base?: string;
  head?: string;
  runNoise?: string;
}


function parseFormat(text: string): CompareFormat {
  const f = COMPARE_FORMATS.find((x) => x === text);
  if (f === undefined) throw new UsageError(`unknown --format '${text}'; expected one of: ${COMPARE_FORMATS.join(', ')}`);
  return f;
}

/** Resolves the command-line flags into a gate policy. */
export function policyFrom(opts: CompareOptions): GatePolicy {
  return {
    ...(opts.threshold !== undefined ? { threshold: parseThresholdFlag(opts.threshold) } : {}),
    minLaunches: positiveInt(opts.minLaunches, '--min-launches'),
    failOnInconclusive: opts.failOnInconclusive ?? false,
    ...(opts.runNoise !== undefined ? { runNoise: parseThresholdFlag(opts.runNoise, '--run-noise', true) } : {}),
  };
}

/** Settings recorded in a result that are known to distort its timings, one warning each. */
function warnDistortions(result: ResultFile, file: string): void {
  const vars = result.env.variables;
  const safeVars = typeof vars === 'object' && vars !== null ? vars : {};
  for (const w of distortionWarnings(safeVars, result.env.host.state ?? {})) warn(`${file}: ${w}`);
}

/** The report of one file (two of its sides) or of two files. */
async function compareFiles(baselineFile: string, currentFile: string | undefined, policy: GatePolicy, opts: CompareOptions): Promise<CompareReport> {
  if (currentFile === undefined) {
    const names = { ...(opts.base !== undefined ? { base: opts.base } : {}), ...(opts.head !== undefined ? { head: opts.head } : {}) };
    const file = await readResultFile(baselineFile);
    warnDistortions(file, baselineFile);
    return compareWithin(file, policy, names, baselineFile);
  }
  if (opts.base !== undefined || opts.head !== undefined) throw new UsageError('--base and --head pick two sides of one result file; with two files, the first is the baseline');
  const [baseline, current] = await Promise.all([readResultFile(baselineFile), readResultFile(currentFile)]);
  warnDistortions(baseline, baselineFile);
  warnDistortions(current, currentFile);
  return compareResults(baseline, current, policy, { baseline: baselineFile, current: currentFile });
}

function render(report: CompareReport, format: CompareFormat): string {
  if (format === 'json') return renderJson(report);
  if (format === 'text') return renderText(report);
  return renderMarkdown(report, format);
}

/** Runs `compare`; returns the exit code. */
export async function compareCommand(baselineFile: string, currentFile: string | undefined, opts: CompareOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const policy = policyFrom(opts);
  const report = await compareFiles(baselineFile, currentFile, policy, opts);
  if (format !== 'text') for (const w of report.warnings) warn(w);
  const few = report.counts['insufficient-data'] ?? 0;
  if (few > 0) {
    warn(`${few} case(s) have fewer than ${policy.minLaunches} good launches per side, so no verdict`, 'measure both sides again with "mpsbench run --launches 10" (see README, "Check for a regression"); lowering --min-launches does not make the gate trustworthy, it gives verdicts without the launches they need');
  }
  const failed = report.counts.failed ?? 0;
  if (failed > 0) warn(`${failed} case(s) failed on a side and have no verdict`);
  process.stdout.write(render(report, format));
  return report.exitCode;
}
