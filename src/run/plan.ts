/**
 * From command-line arguments to the flat list of cases to run: loads suites (files or built-in
 * names) and `--case` specs, decides the backends (asked for, or every available one), and
 * expands everything into `CaseInstance`s. Unavailable backends are reported, not fatal.
 */
import { UsageError } from '../errors.js';
import { checkSuiteRunnersAllowed } from '../runner/custom.js';
import type { Availability } from '../runner/backend.js';
import { backendNames, backendRegistry, type BackendRegistry } from '../runner/registry.js';
import { DEFAULT_BUDGET } from '../suite/budget.js';
import { loadSuiteArg } from '../suite/builtin.js';
import { parseCaseSweep } from '../suite/case-arg.js';
import { expandSuite } from '../suite/expand.js';
import { splitBackendList } from './settings.js';
import type { ResolvedSuite } from '../suite/types.js';
import type { Budget, CaseInstance, CustomRunner, TimingModel } from '../types.js';
import { applyOverrides } from './budget-flags.js';
import { caseFilter } from './filter.js';

/** What will run, and what was left out. */
export interface RunPlan {
  suites: ResolvedSuite[];
  cases: CaseInstance[];
  /** Backends left out, with the reason (not available here). */
  unavailable: { backend: string; reason: string }[];
  /** The backends this run can use: built-in ones plus its custom runners. */
  registry: BackendRegistry;
  /** With `includeUnavailable`: the cases those backends would have run. */
  dropped: CaseInstance[];
}

/** Inputs to planning: the part of `RunSettings` that decides what runs. */
export interface PlanInput {
  suiteArgs: readonly string[];
  caseArgs: readonly string[];
  /** Backends asked for; checked against the built-in ones and the custom runners. */
  backends?: readonly string[];
  /** Custom runners from the command line (`--runner`); the suites may declare more. */
  runners?: readonly CustomRunner[];
  /** `--allow-custom-runners`: suites may name commands to run. */
  allowCustomRunners?: boolean;
  /** `--filter` terms: only cases matching every one are planned. */
  filters?: readonly string[];
  /** Budget fields from the command line, over every case's own. */
  budget?: Partial<Budget>;
  /** `--timing`: the timing model of every case. */
  timing?: TimingModel;
  /** Also expand the cases of unavailable backends (`dropped`), for a resumed run to account for them. */
  includeUnavailable?: boolean;
}

/** Refuses backend names the registry does not know, with the list of known ones. */
export function checkBackendNames(names: readonly string[], known: readonly string[] = backendNames()): string[] {
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`unknown backend "${n}" in --backend`, `known backends: ${known.join(', ')}`);
  }
  return [...names];
}

/** Parses `--backend a,b` into known backend names (undefined when the flag is absent). */
export function parseBackendList(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : checkBackendNames(splitBackendList(text));
}

/** A suite made of `--case` arguments. */
function cliSuite(caseArgs: readonly string[]): ResolvedSuite {
  return {
    name: 'cli',
    seed: 1,
    budget: { ...DEFAULT_BUDGET },
    entries: caseArgs.map(parseCaseSweep),
  };
}

async function probeAll(names: string[], registry: BackendRegistry): Promise<Map<string, Availability>> {
  const entries = await Promise.all(
    names.map(async (n) => [n, (await registry.get(n)?.probe()) ?? { available: false, reason: 'unknown backend' }] as const),
  );
  return new Map(entries);
}

/** Loads, resolves and expands everything the user asked to run. */
export async function planRun(input: PlanInput): Promise<RunPlan> {
  const suites: ResolvedSuite[] = [];
  const suiteArgs = input.suiteArgs.length === 0 && input.caseArgs.length === 0 ? ['default'] : input.suiteArgs;
  for (const arg of suiteArgs) suites.push(await loadSuiteArg(arg));
  if (input.caseArgs.length > 0) suites.push(cliSuite(input.caseArgs));
  const suiteRunners = suites.flatMap((s) => s.runners ?? []);
  const registry = backendRegistry([...(input.runners ?? []), ...suiteRunners]);
  const requested = input.backends ? checkBackendNames(input.backends, registry.names()) : undefined;

  const wanted = requested ?? [...new Set(suites.flatMap((s) => s.backends ?? registry.names()))];
  checkSuiteRunnersAllowed(suiteRunners, wanted, input.allowCustomRunners ?? false);
  const probes = await probeAll(wanted, registry);
  const available = wanted.filter((b) => probes.get(b)?.available);
  const unavailable = wanted
    .filter((b) => !probes.get(b)?.available)
    .map((backend) => ({ backend, reason: probes.get(backend)?.reason ?? 'not available' }));

  const { cases, expanded } = expandAll(suites, available, requested, input);
  if (cases.length === 0 && expanded > 0 && (input.filters ?? []).length > 0) {
    throw new UsageError(`--filter ${input.filters?.join(' --filter ')} matches none of the ${expanded} planned case(s)`, 'a plain term matches a backend, workload, dtype, entry name or name=value word of the key; a term with * or ? is a glob on the whole key (see "mpsbench run --help")');
  }
  const dropped = input.includeUnavailable ? expandAll(suites, unavailable.map((u) => u.backend), requested, input).cases : [];
  return { suites, cases, unavailable, registry, dropped };
}

/** The cases of `suites` on `backends`, filtered and with the budget overrides; `expanded` counts before filtering. */
function expandAll(suites: readonly ResolvedSuite[], backends: string[], requested: string[] | undefined, input: PlanInput): { cases: CaseInstance[]; expanded: number } {
  const seen = new Set<string>();
  const cases: CaseInstance[] = [];
  const keep = caseFilter(input.filters ?? []);
  let expanded = 0;
  for (const suite of suites) {
    for (const c of expandSuite(suite, backends, requested, input.timing)) {
      expanded++;
      if (seen.has(c.key) || !keep(c)) continue;
      seen.add(c.key);
      cases.push(input.budget ? { ...c, budget: applyOverrides(c.budget, input.budget, c.key) } : c);
    }
  }
  return { cases, expanded };
}
