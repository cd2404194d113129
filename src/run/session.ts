/**
 * One run from settings to result file: plan the cases, capture the environment, open the journal
 * (or reopen it for a resume), start each backend's runner (building it on first use), schedule
 * every case, then write the result JSON and Markdown atomically. Progress reaches the caller
 * through `events`; printing tables and choosing the exit code is the command's business.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunnerSetupError, UsageError } from '../errors.js';
import { info, warn } from '../log.js';
import { captureEnv } from '../env/capture.js';
import { distortionWarnings } from '../env/host-state.js';
import { jsonReporter } from '../reporters/json.js';
import { csvReporter } from '../reporters/csv.js';
import { markdownReporter } from '../reporters/markdown.js';
import { RunnerClient } from '../runner/client.js';
import { customBackend } from '../runner/custom.js';
import type { BackendRegistry } from '../runner/registry.js';
import { Journal, JOURNAL_SUFFIX } from '../results/journal.js';
import { RESULT_SCHEMA, type CaseError, type CaseResult, type ResultFile, type VariantRecord } from '../results/types.js';
import { ensureNoJournal, ensureRegularTarget } from '../results/write.js';
import { assembleCase } from '../results/assemble.js';
import { ensureOutputWritable, isStdout, writeOutput } from '../util/output.js';
import type { Budget, CaseInstance } from '../types.js';
import { fileStamp } from '../util/names.js';
import { planRun, type RunPlan } from './plan.js';
import type { ResumedRun } from './resume.js';
import { resumeInfo } from './resume.js';
import { runSchedule, type SchedulerEvents } from './scheduler.js';
import { caseTimeoutMs, type RunSettings } from './settings.js';
import { DEFAULT_INTERLEAVE_SEED } from './interleave.js';
import { expandVariants, variantLaunchOptions, variantRunners } from './variants.js';

/** Cases verified per launch: how many output elements are checked against float64. */
const VERIFY_SAMPLES = 256;

/** How a session runs, beyond what it runs. */
export interface SessionOptions {
  /** A run restored from its journal (`openResume`); its settings must be the ones passed. */
  resumed?: ResumedRun;
  /** Overwrite existing output files and an interrupted run's journal. */
  force?: boolean;
  /** Stream compiler output while building native runners. */
  verboseBuild?: boolean;
  /** The command line recorded in the result (default: this process's argv). */
  command?: string[];
  /** Aborting it stops the runner in flight and settles the rest as `skipped`. */
  signal?: AbortSignal;
  /** Progress hooks, called as cases start and settle; `total` is the number of cases to run. */
  events?: Pick<SchedulerEvents, 'onCaseStart' | 'onCase'> & { onPlanned?(total: number, launches: number): void };
}

/** Where a run writes: `-` is stdout; `md` is absent when no Markdown is written. */
export interface OutputPaths {
  json: string;
  md?: string;
}

/** What a finished (or interrupted) session produced. */
export interface SessionOutcome {
  result: ResultFile;
  paths: OutputPaths;
  journal: string;
  /** Output files that could not be written (disk full, say), one message each; the journal is kept. */
  writeErrors: string[];
}

/** `--out`/`--md` or the defaults; with `--out -` the Markdown is written only where `--md` says. */
function outputPaths(s: RunSettings, machine: string, created: Date): OutputPaths {
  const json = s.out ?? join('results', `${fileStamp(created)}-${machine}.json`);
  if (isStdout(json) && isStdout(s.md)) throw new UsageError('--out - and --md - would both write to stdout; send one of them to a file');
  const md = s.md ?? (isStdout(json) ? undefined : json.replace(/\.json$/i, '') + '.md');
  return { json, ...(md !== undefined ? { md } : {}) };
}

/** The journal beside the result file; a run to stdout keeps it in the temp directory. */
function journalFor(json: string, machine: string, created: Date): string {
  return isStdout(json) ? join(tmpdir(), `mpsbench-${fileStamp(created)}-${machine}.json${JOURNAL_SUFFIX}`) : `${json}${JOURNAL_SUFFIX}`;
}

function clientFactory(s: RunSettings, registry: BackendRegistry, verboseBuild: boolean, signal?: AbortSignal): (backend: string, variant?: string) => Promise<RunnerClient | CaseError> {
  const env = s.allowParavirtual ? { ...process.env, MPSBENCH_ALLOW_PARAVIRTUAL: '1' } : process.env;
  return async (backend, variantName) => {
    const variant = s.variants?.find((v) => v.name === variantName);
    const command = variant?.commands[backend];
    const provider = command ? customBackend({ name: backend, command }) : registry.get(backend);
    if (!provider) return { kind: 'spawn', message: `unknown backend ${backend}` };
    try {
      const base = { ...(s.threads !== undefined ? { threads: s.threads } : {}), verboseBuild, env, ...(signal ? { signal } : {}) };
      return new RunnerClient(await provider.launch(variantLaunchOptions(base, variant)));
    } catch (err) {
      const message = err instanceof RunnerSetupError ? err.message : `cannot start ${backend}: ${(err as Error).message}`;
      warn(message, err instanceof RunnerSetupError ? err.hint : undefined);
      return { kind: 'spawn', message };
    }
  };
}

/** The budget most cases ran with (the first such, on a tie): `settings.budget`. */
function sharedBudget(cases: readonly CaseInstance[]): Budget | undefined {
  const counts = new Map<string, { budget: Budget; n: number }>();
  for (const c of cases) {
    const k = JSON.stringify(c.budget);
    const e = counts.get(k) ?? { budget: c.budget, n: 0 };
    e.n++;
    counts.set(k, e);
  }
  let best: { budget: Budget; n: number } | undefined;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best?.budget;
}

/** Results where a case whose budget differs from `settings.budget` states its own. */
function withOwnBudgets(results: CaseResult[], cases: readonly CaseInstance[], shared: Budget | undefined): CaseResult[] {
  const byKey = new Map(cases.map((c) => [c.key, c.budget]));
  const sharedText = JSON.stringify(shared);
  return results.map((r) => {
    const own = byKey.get(r.key);
    return own && JSON.stringify(own) !== sharedText ? { ...r, budget: { ...own } } : r;
  });
}

/** Runs the settings' cases; the result is written even when interrupted (then `complete: false`). */
export async function runSession(settings: RunSettings, opts: SessionOptions = {}): Promise<SessionOutcome> {
  const resumed = opts.resumed;
  const plan = await planRun({
    suiteArgs: settings.suites,
    caseArgs: settings.cases,
    ...(settings.backends ? { backends: settings.backends } : {}),
    runners: [...settings.runners, ...variantRunners(settings.variants ?? [], settings.runners.map((r) => r.name))],
    allowCustomRunners: settings.allowCustomRunners,
    ...(settings.filters ? { filters: settings.filters } : {}),
    ...(settings.budget ? { budget: settings.budget } : {}),
    ...(settings.timing ? { timing: settings.timing } : {}),
    includeUnavailable: resumed !== undefined,
  });
  const named = new Set([...(settings.backends ?? []), ...settings.runners.map((r) => r.name)]);
  for (const u of plan.unavailable) {
    if (!resumed && named.has(u.backend)) throw new UsageError(`backend ${u.backend} cannot start: ${u.reason}`, 'fix the command or the installation, or leave the backend out');
    warn(`backend ${u.backend} ${resumed ? 'is not available' : 'skipped'}: ${u.reason}`);
  }
  if (plan.cases.length === 0 && plan.dropped.length === 0) throw new UsageError('nothing to run: no case matches an available backend', 'see "mpsbench list" for what works here');
  const cases = expandVariants(plan.cases, settings.variants ?? []);
  const interleave = { grain: 'case' as const, seed: plan.suites[0]?.seed ?? DEFAULT_INTERLEAVE_SEED };
  const variants: VariantRecord[] | undefined = settings.variants?.map((v) => ({ ...v, hello: {} }));

  const created = resumed ? new Date(resumed.header.created) : new Date();
  const env = resumed?.header.env ?? (await captureEnv(settings.machine !== undefined ? { machine: settings.machine } : {}));
  if (!resumed) for (const w of distortionWarnings(env.variables, env.host.state ?? {})) warn(w);
  const paths = resumed?.paths ?? outputPaths(settings, env.machine, created);
  const journalPath = resumed?.journal ?? journalFor(paths.json, env.machine, created);
  for (const p of [paths.json, paths.md, settings.csv]) if (p !== undefined && !isStdout(p)) ensureRegularTarget(p);
  if (!resumed) {
    ensureNoJournal(journalPath, opts.force ?? false);
    ensureOutputWritable(paths.json, opts.force ?? false);
    if (paths.md !== undefined) ensureOutputWritable(paths.md, opts.force ?? false);
    if (settings.csv !== undefined) ensureOutputWritable(settings.csv, opts.force ?? false);
  }
  const shared = sharedBudget(plan.cases);
  const result: ResultFile = {
    schema: RESULT_SCHEMA,
    created: created.toISOString(),
    complete: false,
    command: resumed?.header.command ?? opts.command ?? ['mpsbench', ...process.argv.slice(2)],
    env,
    suites: plan.suites.map((s) => ({ name: s.name, ...(s.file ? { file: s.file } : {}), ...(s.claims ? { claims: s.claims } : {}) })),
    settings: {
      launches: settings.launches,
      ...(settings.threads !== undefined ? { threads: settings.threads } : {}),
      budget: { ...shared },
      ...(variants ? { variants } : {}),
      interleave,
    },
    results: [],
  };
  const onJournalError = (message: string): void => warn(message, 'the run goes on; its results are written at the end');
  const journal = resumed
    ? await Journal.reopen(journalPath, resumed.validBytes, onJournalError)
    : await Journal.create(journalPath, { ...withoutResults(result), run: resumeInfo(settings, paths) }, onJournalError, opts.force ?? false);
  const todo = resumed ? cases.filter((c) => !resumed.done.has(c.key)) : cases;
  info(`running ${todo.length} case(s) × ${settings.launches} launch(es); results → ${paths.json}`);
  opts.events?.onPlanned?.(todo.length, settings.launches);

  const fresh = await runSchedule(todo, {
    launches: settings.launches,
    ...(resumed ? { prior: resumed.prior } : {}),
    client: clientFactory(settings, plan.registry, opts.verboseBuild ?? false, opts.signal),
    timeoutMs: (c) => caseTimeoutMs(settings, c),
    ...(settings.timeoutS !== undefined ? { helloLimitMs: settings.timeoutS * 1000 } : {}),
    verifySamples: VERIFY_SAMPLES,
    interleaveSeed: interleave.seed,
    ...(opts.signal ? { signal: opts.signal } : {}),
    events: {
      ...(opts.events?.onCaseStart ? { onCaseStart: opts.events.onCaseStart } : {}),
      onRunner: (backend, hello, variant) => {
        const record = variants?.find((v) => v.name === variant)?.hello;
        if (record && !Object.hasOwn(record, backend)) record[backend] = hello;
        if (Object.hasOwn(result.env.runners, backend)) return;
        result.env.runners[backend] = hello;
        if (hello.runner.build?.debug === true) warn(`the ${backend} runner is a debug build: timings are not representative`);
        void journal.append('runner', { backend, hello });
      },
      onLaunch: (c, record) => void journal.append('launch', { key: c.key, record }),
      onCase: (r, i, n) => {
        opts.events?.onCase?.(r, i, n);
        void journal.append('case', r);
      },
    },
  });
  // The dropped cases of an unavailable backend, under each variant as the planned ones are.
  const dropped = expandVariants(plan.dropped, settings.variants ?? []);
  const lost = resumed ? unavailableCases(dropped, plan.unavailable, resumed.done) : [];
  result.results = withOwnBudgets(resumed ? mergeResumed([...cases, ...dropped], resumed.done, [...fresh, ...lost]) : fresh, cases, shared);
  result.complete = opts.signal?.aborted !== true && lost.length === 0;
  result.finished = new Date().toISOString();
  const writeErrors = await writeOutputs([
    [paths.json, () => jsonReporter.render(result)],
    [paths.md, () => markdownReporter.render(result)],
    [settings.csv, () => csvReporter.render(result)],
  ]);
  if (result.complete && writeErrors.length === 0) await journal.remove();
  else await journal.close();
  return { result, paths, journal: journalPath, writeErrors };
}

/** Writes each output that has a path; a failure (disk full) is returned, so the data is not lost. */
async function writeOutputs(outputs: [string | undefined, () => string][]): Promise<string[]> {
  const errors: string[] = [];
  for (const [path, render] of outputs) {
    if (path === undefined) continue;
    try {
      await writeOutput(path, render());
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  return errors;
}

/** Unfinished cases of a resumed run whose backend is no longer available: kept `skipped`, to resume later. */
function unavailableCases(dropped: CaseInstance[], unavailable: RunPlan['unavailable'], done: Map<string, CaseResult>): CaseResult[] {
  const why = new Map(unavailable.map((u) => [u.backend, u.reason]));
  return dropped
    .filter((c) => !done.has(c.key))
    .map((c) => assembleCase(c, [{ index: -1, ok: false, error: { kind: 'interrupted', message: `backend ${c.backend} is not available: ${why.get(c.backend) ?? 'unknown'}; resume again once it is` } }]));
}

/** The result file without its results: the journal header's body. */
function withoutResults(result: ResultFile): Omit<ResultFile, 'results'> {
  const copy: Partial<ResultFile> = { ...result };
  delete copy.results;
  return copy as Omit<ResultFile, 'results'>;
}

/** Results of a resumed run in plan order: finished cases from the journal, then the fresh ones. */
function mergeResumed(cases: CaseInstance[], done: Map<string, CaseResult>, fresh: CaseResult[]): CaseResult[] {
  const byKey = new Map(fresh.map((r) => [r.key, r]));
  const planned = new Set(cases.map((c) => c.key));
  const inPlan = cases.flatMap((c) => {
    const r = done.get(c.key) ?? byKey.get(c.key);
    return r ? [r] : [];
  });
  const gone = [...done.values()].filter((r) => !planned.has(r.key));
  if (gone.length > 0) warn(`${gone.length} finished case(s) in the journal are no longer planned (did a suite change?); they are kept`);
  return [...inPlan, ...gone];
}
