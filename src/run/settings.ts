/**
 * `RunSettings`: how a run was asked for, resolved from the flags' text into numbers and lists
 * once. The run session works from it, the journal header stores it, and `run --resume` reads it
 * back unchanged, so the journal never depends on command-line flag names or commander's strings.
 */
import { UsageError } from '../errors.js';
import { parseRunnerArg } from '../runner/custom.js';
import { TIMING_MODELS, type Budget, type CaseInstance, type CustomRunner, type TimingModel } from '../types.js';
import { positiveInt, positiveNumber } from '../util/flags.js';
import { budgetOverrides, type BudgetFlags } from './budget-flags.js';
import { parseVariants, type Variant } from './variants.js';

/** Everything that decides what a run does and where it writes, resolved. */
export interface RunSettings {
  /** Suite files or built-in suite names, as given (relative paths resolve from the run's cwd). */
  suites: string[];
  /** Ad-hoc cases in `--case` syntax. */
  cases: string[];
  /** `--filter` terms; a case runs when it matches every one (src/run/filter.ts). */
  filters?: string[];
  /** Budget fields from `--warmup`, `--runs`, `--min-time`…, over every case's budget. */
  budget?: Partial<Budget>;
  /** `--timing`: the timing model of every case, over the suites' and workloads' own. */
  timing?: TimingModel;
  /** Backends asked for; undefined = every available one. Names are checked when planning. */
  backends?: string[];
  /** Custom runners from `--runner NAME=COMMAND`. */
  runners: CustomRunner[];
  /** Fresh runner processes per case. */
  launches: number;
  /** Compute threads for CPU backends. */
  threads?: number;
  /** Per-case reply deadline, seconds; undefined = `defaultTimeoutMs`. */
  timeoutS?: number;
  /** Machine label for results and file names; undefined = host name. */
  machine?: string;
  /** Result JSON path; undefined = `results/<stamp>-<machine>.json`. */
  out?: string;
  /** Markdown path; undefined = beside the JSON. */
  md?: string;
  /** CSV path (`--export-csv`); undefined = none. */
  csv?: string;
  /** Suite files may name commands to run (`runners:`). */
  allowCustomRunners: boolean;
  /** The mps runner may time a paravirtual GPU (MPSBENCH_ALLOW_PARAVIRTUAL=1). */
  allowParavirtual: boolean;
  /** Variants of an interleaved A/B run (`--variant`), baseline first; absent = one variant. */
  variants?: Variant[];
}

/** The flags of a run as typed (commander's option bag, or a version-1 journal's `options`). */
export interface RunFlags extends BudgetFlags {
  case?: string[];
  filter?: string[];
  backend?: string;
  out?: string;
  md?: string;
  /** hyperfine's names for --out and --md, and a CSV beside them. */
  exportJson?: string;
  exportMarkdown?: string;
  exportCsv?: string;
  launches?: string;
  threads?: string;
  machine?: string;
  timeout?: string;
  runner?: string[];
  allowCustomRunners?: boolean;
  allowParavirtual?: boolean;
  variant?: string[];
  timing?: string;
}

/** Longest --timeout: one day (Node timers cannot wait beyond 2^31 ms anyway). */
export const MAX_TIMEOUT_S = 86_400;

/** Splits `--backend a,b` into names (deduplicated, in order); refuses an empty list. */
export function splitBackendList(text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--backend needs at least one backend name');
  return [...new Set(names)];
}

/** `--out`/`--md` or their hyperfine names (`--export-json`/`--export-markdown`), and `--export-csv`. */
function outputs(flags: RunFlags): Pick<RunSettings, 'out' | 'md' | 'csv'> {
  const one = (a: string | undefined, b: string | undefined, names: string): string | undefined => {
    if (a !== undefined && b !== undefined && a !== b) throw new UsageError(`${names} name the same output; give one of them`);
    return a ?? b;
  };
  const out = one(flags.out, flags.exportJson, '--out and --export-json');
  const md = one(flags.md, flags.exportMarkdown, '--md and --export-markdown');
  const csv = flags.exportCsv;
  return { ...(out !== undefined ? { out } : {}), ...(md !== undefined ? { md } : {}), ...(csv !== undefined ? { csv } : {}) };
}

/** `--timing streamed|isolated`; UsageError (exit 2) on anything else. */
function timingFlag(text: string | undefined): TimingModel | undefined {
  if (text === undefined) return undefined;
  const t = TIMING_MODELS.find((m) => m === text);
  if (!t) throw new UsageError(`--timing must be ${TIMING_MODELS.join(' or ')}, got "${text}"`, 'streamed: iterations back to back (throughput); isolated: one synchronised iteration per sample (latency)');
  return t;
}

/** Resolves the flags' text into settings; UsageError (exit 2) naming the flag on a bad value. */
export function resolveSettings(suites: readonly string[], flags: RunFlags): RunSettings {
  const timeoutS = flags.timeout === undefined ? undefined : positiveNumber(flags.timeout, '--timeout');
  if (timeoutS !== undefined && timeoutS > MAX_TIMEOUT_S) throw new UsageError(`--timeout must be at most ${MAX_TIMEOUT_S} s (one day), got "${flags.timeout}"`);
  const threads = flags.threads === undefined ? undefined : positiveInt(flags.threads, '--threads');
  const backends = flags.backend === undefined ? undefined : splitBackendList(flags.backend);
  const budget = budgetOverrides(flags);
  const filters = (flags.filter ?? []).map((f) => f.trim());
  const timing = timingFlag(flags.timing);
  if (filters.includes('')) throw new UsageError('--filter is empty', 'e.g. --filter matmul, --filter f16, --filter "cpu/matmul m=2048*"');
  return {
    suites: [...suites],
    cases: [...(flags.case ?? [])],
    ...(filters.length > 0 ? { filters } : {}),
    ...(Object.keys(budget).length > 0 ? { budget } : {}),
    ...(timing !== undefined ? { timing } : {}),
    ...(backends ? { backends } : {}),
    runners: (flags.runner ?? []).map(parseRunnerArg),
    launches: positiveInt(flags.launches ?? '1', '--launches'),
    ...(threads !== undefined ? { threads } : {}),
    ...(timeoutS !== undefined ? { timeoutS } : {}),
    ...(flags.machine !== undefined ? { machine: flags.machine } : {}),
    ...outputs(flags),
    allowCustomRunners: flags.allowCustomRunners ?? false,
    allowParavirtual: flags.allowParavirtual ?? false,
    ...((flags.variant ?? []).length > 0 ? { variants: parseVariants(flags.variant ?? []) } : {}),
  };
}

/** Default per-case reply deadline (documented in --help and docs/reliability.md). */
export function defaultTimeoutMs(c: CaseInstance): number {
  return (60 + 10 * c.budget.max_time_s) * 1000;
}

/** The reply deadline of `c` under `settings`, ms. */
export function caseTimeoutMs(settings: RunSettings, c: CaseInstance): number {
  return settings.timeoutS !== undefined ? settings.timeoutS * 1000 : defaultTimeoutMs(c);
}
