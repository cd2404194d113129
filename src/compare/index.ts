/**
 * `compareResults`: the programmatic core of `mpsbench compare` — join two result files, judge
 * every case, collect environment warnings, and choose the exit code. Pure: files are read and
 * reports written by the command.
 *
 * Exit code (docs/gating.md), first match wins:
 *   1  a regression (or an inconclusive or unstable case with `failOnInconclusive`): the gate's main signal;
 *   3  a case that failed on a side, so it has no verdict (runner crash, timeout, verification);
 *   2  a case with too few launches, or sides under different timing models (not comparable): a
 *      gating run set up wrongly (use `run --launches 10`, one `--timing`);
 *   0  otherwise (unchanged, improvement, inconclusive, unstable, added, removed, unsupported).
 */
import { ExitCode } from '../errors.js';
import type { ResultFile } from '../results/types.js';
import { judge, sortVerdicts, type CaseVerdict, type Verdict } from './gate.js';
import { environmentDiff, matchCases, type CasePair, type GateMode } from './match.js';
import type { GatePolicy } from './policy.js';
import { matchWithin, resolveSides, withinMode, type Sides } from './within.js';

export { decide, decideGate, judge, type CaseVerdict, type Verdict } from './gate.js';
export type { GateMode } from './match.js';
export type { Sides } from './within.js';
export * from './policy.js';

/** Schema identifier of `compare --format json` output. */
export const COMPARE_SCHEMA = 'mpsbench.compare/v1';

/** Everything a compare report shows. */
export interface CompareReport {
  baseline: { file: string; machine: string; created: string };
  current: { file: string; machine: string; created: string };
  policy: GatePolicy;
  /**
   * How the sides were measured (compare/gate.ts): `sequential` for two files, `interleaved` or
   * `same-run` for two sides of one file. Each case's `basis` repeats it with its details.
   */
  mode: GateMode;
  /** For one file: which variants or backends are the baseline and the current side. */
  sides?: Sides;
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
  if (has('regression') || (policy.failOnInconclusive && (has('inconclusive') || has('unstable')))) return ExitCode.regression;
  if (has('failed')) return ExitCode.runnerFailure;
  if (has('insufficient-data') || has('not-comparable')) return ExitCode.usage;
  return ExitCode.ok;
}

/** Compares two result files under `policy`. */
export function compareResults(
  baseline: ResultFile,
  current: ResultFile,
  policy: GatePolicy,
  files: { baseline: string; current: string } = { baseline: 'baseline', current: 'current' },
): CompareReport {
  const warnings = environmentDiff(baseline, current);
  for (const [name, r] of [['baseline', baseline], ['current', current]] as const) {
    if (!r.complete) warnings.push(`the ${name} run did not complete (interrupted): some cases may be missing`);
  }
  const side = (file: string, r: ResultFile): CompareReport['baseline'] => ({ file, machine: r.env.machine, created: r.created });
  return report(matchCases(baseline, current), policy, 'sequential', side(files.baseline, baseline), side(files.current, current), warnings);
}

function report(pairs: CasePair[], given: GatePolicy, mode: GateMode, baseline: CompareReport['baseline'], current: CompareReport['current'], warnings: string[], sides?: Sides): CompareReport {
  const family = pairs.filter((p) => p.baseline?.status === 'ok' && p.current?.status === 'ok').length;
  const policy: GatePolicy = { ...given, family: given.family ?? Math.max(1, family) };
  const cases = sortVerdicts(pairs.map((p) => judge(p, policy)));
  const counts = countVerdicts(cases);
  return { baseline, current, policy, mode, ...(sides ? { sides } : {}), cases, counts, warnings, exitCode: exitCodeFor(counts, policy) };
}

/**
 * Compares two sides of one result file under `policy` (compare/within.ts): two variants of an
 * interleaved A/B run, or two backends; `base` / `head` name them (a file of exactly two variants
 * needs neither). UsageError when the names do not fit the file.
 */
export function compareWithin(result: ResultFile, policy: GatePolicy, names: { base?: string; head?: string } = {}, file = 'result'): CompareReport {
  const sides = resolveSides(result, names.base, names.head);
  const mode = withinMode(result);
  const warnings: string[] = [];
  if (!result.complete) warnings.push('the run did not complete (interrupted): some cases may be missing');
  if (mode === 'same-run') warnings.push('this file did not interleave each case\'s sides per launch (made before 2026-12-02): launches are compared unpaired');
  const at = (name: string): CompareReport['baseline'] => ({ file: `${file} ${sides.by === 'variant' ? '@' : ''}${name}`, machine: result.env.machine, created: result.created });
  return report(matchWithin(result, sides), policy, mode, at(sides.base), at(sides.head), warnings, sides);
}
