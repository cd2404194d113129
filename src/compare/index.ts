/**
 * `compareResults`: the programmatic core of `mpsbench compare` — join two result files, judge
 * every case, collect environment warnings, and choose the exit code. Pure: files are read and
 * reports written by the command.
 *
 * Exit code (DESIGN.md §6), first match wins:
 *   1  a regression (or an inconclusive case with `failOnInconclusive`): the gate's main signal;
 *   3  a case that failed on a side, so it has no verdict (runner crash, timeout, verification);
 *   2  a case with too few launches: a gating run set up wrongly (use `run --launches 10`);
 *   0  otherwise (unchanged, improvement, inconclusive, added, removed, unsupported).
 */
import { ExitCode } from '../errors.js';
import type { ResultFile } from '../results/types.js';
import { judge, sortVerdicts, type CaseVerdict, type Verdict } from './gate.js';
import { environmentDiff, matchCases } from './match.js';
import type { GatePolicy } from './policy.js';

export { decide, decideGate, judge, sortVerdicts, VERDICT_ORDER, type CaseVerdict, type Verdict } from './gate.js';
export { environmentDiff, matchCases, type CasePair } from './match.js';
export * from './policy.js';

/** Schema identifier of `compare --format json` output. */
export const COMPARE_SCHEMA = 'mpsbench.compare/v1';

/** Everything a compare report shows. */
export interface CompareReport {
  baseline: { file: string; machine: string; created: string };
  current: { file: string; machine: string; created: string };
  policy: GatePolicy;
  /** Verdicts in report order (regressions first). */
  cases: CaseVerdict[];
  counts: Partial<Record<Verdict, number>>;
  warnings: string[];
  exitCode: number;
}

/** How many cases got each verdict. */
function countVerdicts(vs: readonly CaseVerdict[]): Partial<Record<Verdict, number>> {
  const counts: Partial<Record<Verdict, number>> = {};
  for (const v of vs) counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
  return counts;
}

/** The exit code for a set of verdicts (see the module comment). */
export function exitCodeFor(counts: Partial<Record<Verdict, number>>, policy: GatePolicy): number {
  const has = (v: Verdict): boolean => (counts[v] ?? 0) > 0;
  if (has('regression') || (policy.failOnInconclusive && has('inconclusive'))) return ExitCode.regression;
  if (has('failed')) return ExitCode.runnerFailure;
  if (has('insufficient-data')) return ExitCode.usage;
  return ExitCode.ok;
}

/** Compares two result files under `policy`. */
export function compareResults(
  baseline: ResultFile,
  current: ResultFile,
  policy: GatePolicy,
  files: { baseline: string; current: string } = { baseline: 'baseline', current: 'current' },
): CompareReport {
  const cases = sortVerdicts(matchCases(baseline, current).map((p) => judge(p, policy)));
  const counts = countVerdicts(cases);
  const warnings = environmentDiff(baseline, current);
  for (const [name, r] of [['baseline', baseline], ['current', current]] as const) {
    if (!r.complete) warnings.push(`the ${name} run did not complete (interrupted): some cases may be missing`);
  }
  const side = (file: string, r: ResultFile): CompareReport['baseline'] => ({ file, machine: r.env.machine, created: r.created });
  return {
    baseline: side(files.baseline, baseline),
    current: side(files.current, current),
    policy,
    cases,
    counts,
    warnings,
    exitCode: exitCodeFor(counts, policy),
  };
}
