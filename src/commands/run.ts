/**
 * `mpsbench run`: plan the cases, start each backend's runner (building it on first use), run
 * with live progress, journal every case, then write the result JSON and Markdown atomically and
 * print the table. Exit 0 when every case that ran is ok, 3 when some failed, 130/143 when
 * interrupted (after writing what finished).
 */
import { join } from 'node:path';
import { ExitCode, RunnerSetupError, UsageError } from '../errors.js';
import { info, useColor, warn } from '../log.js';
import { planRun } from '../run/plan.js';
import { Progress } from './progress.js';
import { runSchedule } from '../run/scheduler.js';
import { captureEnv } from '../env/capture.js';
import { getReporter } from '../reporters/index.js';
import { RunnerClient } from '../runner/client.js';
import { parseRunnerArg } from '../runner/custom.js';
import { getBackend, registerCustomRunner } from '../runner/registry.js';
import type { CaseError, CaseResult, ResultFile } from '../results/types.js';
import { RESULT_SCHEMA } from '../results/types.js';
import { JOURNAL_SUFFIX } from '../results/journal.js';
import { ensureNoJournal, ensureWritable, Journal, writeAtomic } from '../results/write.js';
import type { CaseInstance } from '../types.js';
import { fileStamp } from '../util/names.js';
import { positiveInt, positiveNumber } from './options.js';
import { openResume, resumeInfo } from '../run/resume.js';

/** Options of `mpsbench run`, as commander parses them. */
export interface RunOptions {
  case: string[];
  backend?: string;
  out?: string;
  md?: string;
  launches: string;
  threads?: string;
  machine?: string;
  timeout?: string;
  json?: boolean;
  force?: boolean;
  verboseBuild?: boolean;
  /** `--runner NAME=COMMAND` values. */
  runner?: string[];
  allowCustomRunners?: boolean;
  /** Sets MPSBENCH_ALLOW_PARAVIRTUAL=1 for runners: the mps runner then times a paravirtual GPU. */
  allowParavirtual?: boolean;
  python?: string;
  /** `--resume JOURNAL`: finish an interrupted run (src/run/resume.ts). */
  resume?: string;
}

const VERIFY_SAMPLES = 256;
/** Longest --timeout: one day (Node timers cannot wait beyond 2^31 ms anyway). */
const MAX_TIMEOUT_S = 86_400;

function outputPaths(opts: RunOptions, machine: string, created: Date): { json: string; md: string } {
  const json = opts.out ?? join('results', `${fileStamp(created)}-${machine}.json`);
  const md = opts.md ?? json.replace(/\.json$/i, '') + '.md';
  return { json, md };
}

/** Interrupt handling: the first SIGINT/SIGTERM aborts the run gracefully, a second exits at once. */
function interruptController(): { controller: AbortController; signalName: () => NodeJS.Signals | undefined; dispose: () => void } {
  const controller = new AbortController();
  let got: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals): void => {
    if (got) process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
    got = sig;
    warn(`${sig} received: stopping the runner and writing what finished (again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    controller,
    signalName: () => got,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Default per-case reply deadline (documented in --help and docs/reliability.md). */
export function defaultTimeoutMs(c: CaseInstance): number {
  return (60 + 10 * c.budget.max_time_s) * 1000;
}

/** Runs the `run` command; returns the exit code. */
export async function runCommand(suiteArgs: string[], opts: RunOptions): Promise<number> {
  const resumed = opts.resume === undefined ? undefined : await openResume(opts.resume, suiteArgs, opts);
  if (resumed) ({ suiteArgs, opts } = resumed);
  if (opts.allowParavirtual) process.env.MPSBENCH_ALLOW_PARAVIRTUAL = '1';  // runners inherit process.env
  const launches = positiveInt(opts.launches, '--launches');
  const threads = opts.threads === undefined ? undefined : positiveInt(opts.threads, '--threads');
  const timeoutS = opts.timeout === undefined ? undefined : positiveNumber(opts.timeout, '--timeout');
  if (timeoutS !== undefined && timeoutS > MAX_TIMEOUT_S) throw new UsageError(`--timeout must be at most ${MAX_TIMEOUT_S} s (one day), got "${opts.timeout}"`);
  for (const r of opts.runner ?? []) registerCustomRunner(parseRunnerArg(r));
  const plan = await planRun({ suiteArgs, caseArgs: opts.case, backendText: opts.backend, allowCustomRunners: opts.allowCustomRunners ?? false });
  for (const u of plan.unavailable) warn(`backend ${u.backend} skipped: ${u.reason}`);
  if (plan.cases.length === 0) {
    throw new UsageError('nothing to run: no case matches an available backend', 'see "mpsbench list" for what works here');
  }

  const created = resumed ? new Date(resumed.header.created) : new Date();
  const env = resumed?.header.env ?? (await captureEnv({ ...(opts.machine ? { machine: opts.machine } : {}) }));
  const paths = resumed?.paths ?? outputPaths(opts, env.machine, created);
  const journalPath = `${paths.json}${JOURNAL_SUFFIX}`;
  if (!resumed) {
    ensureNoJournal(journalPath, opts.force ?? false);
    ensureWritable(paths.json, opts.force ?? false);
    ensureWritable(paths.md, opts.force ?? false);
  }
  const result: ResultFile = {
    schema: RESULT_SCHEMA,
    created: created.toISOString(),
    complete: false,
    command: resumed?.header.command ?? ['mpsbench', ...process.argv.slice(2)],
    env,
    suites: plan.suites.map((s) => ({ name: s.name, ...(s.file ? { file: s.file } : {}) })),
    settings: { launches, ...(threads !== undefined ? { threads } : {}), budget: { ...plan.cases[0]?.budget } },
    results: [],
  };
  const journal = resumed
    ? await Journal.reopen(journalPath, resumed.validBytes)
    : await Journal.create(journalPath, { ...result, results: undefined, run: resumeInfo(suiteArgs, opts, paths) });
  const todo = resumed ? plan.cases.filter((c) => !resumed.done.has(c.key)) : plan.cases;
  info(`running ${todo.length} case(s) × ${launches} launch(es); results → ${paths.json}`);

  const interrupt = interruptController();
  const progress = new Progress(todo.length, launches);
  const clientFor = async (backend: string): Promise<RunnerClient | CaseError> => {
    const provider = getBackend(backend);
    if (!provider) return { kind: 'spawn', message: `unknown backend ${backend}` };
    try {
      return new RunnerClient(await provider.launch({ ...(threads !== undefined ? { threads } : {}), verboseBuild: opts.verboseBuild ?? false }));
    } catch (err) {
      const message = err instanceof RunnerSetupError ? err.message : `cannot start ${backend}: ${(err as Error).message}`;
      warn(message, err instanceof RunnerSetupError ? err.hint : undefined);
      return { kind: 'spawn', message };
    }
  };
  try {
    const fresh = await runSchedule(todo, {
      launches,
      ...(resumed ? { prior: resumed.prior } : {}),
      client: clientFor,
      timeoutMs: (c) => (timeoutS !== undefined ? timeoutS * 1000 : defaultTimeoutMs(c)),
      verifySamples: VERIFY_SAMPLES,
      signal: interrupt.controller.signal,
      events: {
        onCaseStart: (c, i, _n, k) => progress.start(c, i, k),
        onRunner: (backend, hello) => {
          if (result.env.runners[backend]) return;
          result.env.runners[backend] = hello;
          if (hello.runner.build?.debug === true) warn(`the ${backend} runner is a debug build: timings are not representative`);
          void journal.append('runner', { backend, hello });
        },
        onLaunch: (c, record) => void journal.append('launch', { key: c.key, record }),
        onCase: (r, i) => {
          progress.done(r, i);
          void journal.append('case', r);
        },
      },
    });
    result.results = resumed ? mergeResumed(plan.cases, resumed.done, fresh) : fresh;
  } finally {
    progress.stop();
    interrupt.dispose();
  }

  const sig = interrupt.signalName();
  result.complete = sig === undefined;
  result.finished = new Date().toISOString();
  await writeAtomic(paths.json, getReporter('json').render(result));
  await writeAtomic(paths.md, getReporter('md').render(result));
  if (sig === undefined) await journal.remove();
  process.stderr.write(getReporter('console').render(result, { color: useColor() }));
  info(`wrote ${paths.json} and ${paths.md}`);
  if (sig !== undefined) info(`finish the run with: mpsbench run --resume ${journalPath}`);
  if (opts.json) process.stdout.write(getReporter('json').render(result));
  if (sig) return 128 + (sig === 'SIGINT' ? 2 : 15);
  return result.results.some((r) => r.status === 'failed') ? ExitCode.runnerFailure : ExitCode.ok;
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
