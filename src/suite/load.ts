/**
 * Suite files to `ResolvedSuite`s. Three passes, each refusing with one InputError at the
 * `file:line:col` of the problem: YAML syntax (yaml.ts), structure against the JSON schema
 * (schema.ts), then meaning against the workload definitions (entry.ts, sweep.ts) including the
 * cross-field rules and the expansion limit, so a suite that loads always expands and runs.
 */
import { InputError } from '../errors.js';
import { getWorkload } from '../workloads/index.js';
import { BUDGET_KEYS, DEFAULT_BUDGET, budgetProblems, mergeBudget } from './budget.js';
import { resolveEntry, threshold, type RawEntry } from './entry.js';
import { entrySpecCount, entrySpecs } from './expand.js';
import { specString } from './key.js';
import { pathLabel, type DocPath } from './path.js';
import { resolveSuiteRunners } from './runners.js';
import { checkSchema } from './schema.js';
import { MAX_CASES } from './sweep.js';
import { MAX_SUITE_BYTES, readSuiteText } from './source.js';
import type { ResolvedSuite, SuiteEntry } from './types.js';
import type { Budget, Claim, TimingModel } from '../types.js';
import { parseYaml, type YamlInput } from './yaml.js';

/** A suite after the schema check, before meaning is checked. */
interface RawSuite {
  name: string;
  description?: string;
  backends?: string[];
  seed?: number;
  threshold?: unknown;
  budget?: Partial<Budget>;
  timing?: TimingModel;
  runners?: Record<string, string[]>;
  claims?: Claim[];
  cases: RawEntry[];
}

/** Reads and resolves the suite file at `path`; messages name the file as `path` is written. */
export async function loadSuiteFile(path: string): Promise<ResolvedSuite> {
  return parseSuiteText(await readSuiteText(path), path);
}

/** Resolves suite text; `file` is the name messages and `ResolvedSuite.file` carry. */
export function parseSuiteText(text: string, file: string): ResolvedSuite {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SUITE_BYTES) {
    throw new InputError(`the file is ${size} bytes; suite files are limited to 1 MiB, split it into several suites`, { file, line: 1, col: 1 });
  }
  const input = parseYaml(text, file);
  checkSchema(input);
  const raw = input.data as RawSuite;
  const fail = (msg: string, path: DocPath): never => {
    throw new InputError(msg, input.posOf(path));
  };
  const budget = mergeBudget(DEFAULT_BUDGET, pickBudget(raw.budget));
  const problem = budgetProblems(budget)[0];
  if (problem !== undefined) fail(`budget: ${problem}`, ['budget']);
  const suite: ResolvedSuite = { name: raw.name, file, seed: raw.seed ?? 1, budget, entries: [] };
  if (raw.description !== undefined) suite.description = raw.description;
  if (raw.backends !== undefined) suite.backends = raw.backends;
  if (raw.timing !== undefined) suite.timing = raw.timing;
  if (raw.runners !== undefined) suite.runners = resolveSuiteRunners(raw.runners, file, input);
  if (raw.threshold !== undefined) suite.threshold = threshold(raw.threshold, ['threshold'], fail);
  if (raw.claims !== undefined) suite.claims = raw.claims.map((c) => ({ ...c }));
  const ctx = { input, suiteBudget: budget, ...(suite.backends ? { suiteBackends: suite.backends } : {}) };
  suite.entries = raw.cases.map((c, i) => resolveEntry(c, i, ctx));
  suite.entries.forEach((entry, i) => checkEntryCases(entry, i, input));
  return suite;
}

/** Only known budget fields (the schema guarantees there are no others). */
function pickBudget(raw: Partial<Budget> | undefined): Partial<Budget> | undefined {
  if (!raw) return undefined;
  return Object.fromEntries(BUDGET_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
}

/** Refuses an entry above MAX_CASES, then runs the workload's cross-field rules on every spec. */
function checkEntryCases(entry: SuiteEntry, index: number, input: YamlInput): void {
  const count = entrySpecCount(entry);
  const label = pathLabel(['cases', index]);
  if (count > MAX_CASES) {
    throw new InputError(
      `${label} expands to ${count} cases, above the limit of ${MAX_CASES}; narrow the sweeps or split the entry`,
      input.posOf(['cases', index]),
    );
  }
  for (const spec of entrySpecs(entry)) {
    const problems = getWorkload(spec.workload)?.validate(spec.params, spec.dtype) ?? [];
    if (problems.length > 0) {
      throw new InputError(
        `${label}: ${problems.join('; ')} (in ${specString(spec)}); change params so every combination is valid`,
        input.posOf(['cases', index, 'params']),
      );
    }
  }
}
