/**
 * Expansion of a resolved suite into concrete cases: for each entry, the cross product of its
 * dtypes and parameter sweeps, then each backend. Order is stable and documented: entries in file
 * order; within an entry dtype varies slowest, then parameters in definition order (the last
 * varies fastest), then backends in the order of `availableBackends`. Duplicate keys keep the first.
 */
import { InputError } from '../errors.js';
import type { ParamValue, TimingModel } from '../types.js';
import { defaultTimingFor, getWorkload, type WorkloadDef } from '../workloads/index.js';
import { mergeBudget } from './budget.js';
import { caseKey, specString } from './key.js';
import { MAX_CASES } from './sweep.js';
import type { ResolvedSuite, SuiteEntry } from './types.js';
import type { CaseInstance, CaseSpec } from '../types.js';

export { MAX_CASES } from './sweep.js';

function workloadOf(entry: SuiteEntry): WorkloadDef {
  const w = getWorkload(entry.workload);
  if (!w) throw new Error(`expand: unknown workload ${entry.workload} (entry not validated?)`);
  return w;
}

/** The value lists of every parameter of the entry's workload, defaults as one-value lists. */
function axes(entry: SuiteEntry, w: WorkloadDef): [string, ParamValue[]][] {
  return w.params.map((def) => {
    const given = entry.params[def.name];
    const values = given ?? (def.default !== undefined ? [def.default] : undefined);
    if (!values) throw new Error(`expand: ${w.name} entry lacks ${def.name} (entry not validated?)`);
    return [def.name, values];
  });
}

/** Number of specs an entry stands for (dtypes × every sweep), computed without building them. */
export function entrySpecCount(entry: SuiteEntry): number {
  return axes(entry, workloadOf(entry)).reduce((n, [, values]) => n * values.length, entry.dtypes.length);
}

/** Every spec of an entry, in expansion order (dtype slowest, last parameter fastest). */
export function* entrySpecs(entry: SuiteEntry): Generator<CaseSpec> {
  const w = workloadOf(entry);
  const ax = axes(entry, w);
  for (const dtype of entry.dtypes) {
    const idx = ax.map(() => 0);
    for (;;) {
      const params: Record<string, ParamValue> = {};
      ax.forEach(([name, values], i) => {
        params[name] = values[idx[i] ?? 0] as ParamValue;
      });
      yield { workload: w.name, dtype, params };
      let i = ax.length - 1;
      while (i >= 0 && (idx[i] = (idx[i] ?? 0) + 1) >= (ax[i]?.[1].length ?? 0)) idx[i--] = 0;
      if (i < 0) break;
    }
  }
}

/** Backends an entry runs on: available ∩ requested ∩ suite's ∩ entry's, in available order. */
export function entryBackends(suite: ResolvedSuite, entry: SuiteEntry, available: string[], requested?: string[]): string[] {
  const lists = [requested, suite.backends, entry.backends];
  return available.filter((b) => lists.every((l) => l === undefined || l.includes(b)));
}

/**
 * The timing model of an entry's cases: `override` (`run --timing`), else the entry's, the suite's,
 * then the workload's default (streamed; isolated for infer).
 */
export function entryTiming(suite: ResolvedSuite, entry: SuiteEntry, override?: TimingModel): TimingModel {
  return override ?? entry.timing ?? suite.timing ?? defaultTimingFor(entry.workload);
}

/**
 * The suite as concrete cases. `availableBackends` are the backends that can run here (the
 * default when the suite names none); `requested` (`--backend`) narrows further; `timing`
 * (`--timing`) overrides every entry's model. An expansion above MAX_CASES is refused at the entry
 * that crosses it, before any case is built.
 */
export function expandSuite(suite: ResolvedSuite, availableBackends: string[], requested?: string[], timing?: TimingModel): CaseInstance[] {
  const perEntry = suite.entries.map((e) => entryBackends(suite, e, availableBackends, requested));
  let total = 0;
  suite.entries.forEach((entry, i) => {
    const n = entrySpecCount(entry) * (perEntry[i]?.length ?? 0);
    total += n;
    if (total > MAX_CASES) {
      throw new InputError(
        `this entry brings the suite to ${total} cases (${n} from this entry), above the limit of ${MAX_CASES}; narrow the sweeps or split the suite`,
        entry.source,
      );
    }
  });
  const out: CaseInstance[] = [];
  const seen = new Set<string>();
  suite.entries.forEach((entry, i) => {
    const budget = mergeBudget(suite.budget, entry.budget);
    const threshold = entry.threshold ?? suite.threshold;
    const model = entryTiming(suite, entry, timing);
    for (const spec of entrySpecs(entry)) {
      const specText = specString(spec);
      for (const backend of perEntry[i] ?? []) {
        const key = caseKey(backend, spec, model);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          ...spec,
          params: { ...spec.params },
          key,
          spec: specText,
          backend,
          seed: suite.seed,
          budget: { ...budget },
          timing: model,
          ...(threshold !== undefined ? { threshold } : {}),
          suite: suite.name,
          ...(entry.name !== undefined ? { name: entry.name } : {}),
          ...(entry.source ? { source: entry.source } : {}),
        });
      }
    }
  });
  return out;
}
