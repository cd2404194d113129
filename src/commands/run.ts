/**
 * `mpsbench run`: resolve the flags into `RunSettings` (or take them from the journal for
 * `--resume`), run the session with live progress, print the table, and say how it ended: 0 when
 * every case that ran is ok, 3 when some failed, 130/143 when interrupted (after writing what
 * finished).
 */
import { ExitCode, MpsbenchError, UsageError } from '../errors.js';
import { info, useColor, warn } from '../log.js';
import { consoleReporter } from '../reporters/console.js';
import { jsonReporter } from '../reporters/json.js';
import { openResume, type ResumedRun } from '../run/resume.js';
import { runSession } from '../run/session.js';
import { resolveSettings, type RunFlags, type RunSettings } from '../run/settings.js';
import { signalExitCode, watchInterrupts } from '../run/signals.js';
import { isStdout } from '../util/output.js';
import { Progress } from './progress.js';

/** Options of `mpsbench run`, as commander parses them. */
export interface RunOptions extends RunFlags {
  case: string[];
  launches: string;
  json?: boolean;
  force?: boolean;
  verboseBuild?: boolean;
  python?: string;
  /** `--resume JOURNAL`: finish an interrupted run (src/run/resume.ts). */
  resume?: string;
}

/** Flags given beside --resume that would change the run; --resume takes them from the journal. */
function conflicting(suiteArgs: string[], opts: RunOptions): string[] {
  const given: string[] = [];
  if (suiteArgs.length > 0) given.push('suite arguments');
  if (opts.case.length > 0) given.push('--case');
  if ((opts.runner ?? []).length > 0) given.push('--runner');
  if ((opts.filter ?? []).length > 0) given.push('--filter');
  if (opts.launches !== '1') given.push('--launches');
  for (const [k, flag] of [['backend', '--backend'], ['out', '--out'], ['md', '--md'], ['exportJson', '--export-json'], ['exportMarkdown', '--export-markdown'], ['exportCsv', '--export-csv'], ['threads', '--threads'], ['machine', '--machine'], ['timeout', '--timeout'], ['warmup', '--warmup'], ['runs', '--runs'], ['minRuns', '--min-runs'], ['maxRuns', '--max-runs'], ['minTime', '--min-time'], ['maxTime', '--max-time'], ['timing', '--timing']] as const) {
    if (opts[k] !== undefined) given.push(flag);
  }
  if (opts.allowCustomRunners) given.push('--allow-custom-runners');
  return given;
}

/** Opens the journal and puts this process where the run was started (directory, python). */
async function resume(journalArg: string, suiteArgs: string[], opts: RunOptions): Promise<ResumedRun> {
  const extra = conflicting(suiteArgs, opts);
  if (extra.length > 0) {
    throw new UsageError(`--resume takes the run's arguments from the journal; drop ${extra.join(', ')}`, `e.g. mpsbench run --resume ${journalArg}`);
  }
  const r = await openResume(journalArg);
  if (r.torn) warn(`${journalArg}: dropped a torn last line (the run was killed while writing it)`);
  if (process.cwd() !== r.cwd) {
    try {
      process.chdir(r.cwd);
    } catch {
      throw new UsageError(`cannot change to ${r.cwd}, the directory the run was started in`, 'relative suite and runner paths are resolved from it');
    }
  }
  if (r.python !== undefined && process.env.MPSBENCH_PYTHON === undefined) process.env.MPSBENCH_PYTHON = r.python;
  const reused = [...r.prior.values()].reduce((n, l) => n + l.length, 0);
  info(`resuming ${journalArg}: ${r.done.size} case(s) finished${reused > 0 ? `, ${reused} launch(es) of unfinished cases kept` : ''}`);
  return r;
}

/** Runs the `run` command; returns the exit code. */
export async function runCommand(suiteArgs: string[], opts: RunOptions): Promise<number> {
  const resumed = opts.resume === undefined ? undefined : await resume(opts.resume, suiteArgs, opts);
  const settings: RunSettings = resumed?.settings ?? resolveSettings(suiteArgs, opts);
  const interrupts = watchInterrupts((sig) => warn(`${sig} received: stopping the runner and writing what finished (again to quit at once)`));
  let progress: Progress | undefined;
  try {
    const { result, paths, journal, writeErrors } = await runSession(settings, {
      ...(resumed ? { resumed } : {}),
      force: opts.force ?? false,
      verboseBuild: opts.verboseBuild ?? false,
      signal: interrupts.signal,
      events: {
        onPlanned: (total, launches) => (progress = new Progress(total, launches)),
        onCaseStart: (c, i, _n, k) => progress?.start(c, i, k),
        onCase: (r) => progress?.done(r),
      },
    });
    progress?.stop();
    const sig = interrupts.received();
    const width = process.stderr.isTTY && process.stderr.columns > 0 ? process.stderr.columns : undefined;
    process.stderr.write(consoleReporter.render(result, { color: useColor(), ...(width !== undefined ? { width } : {}) }));
    if (opts.json && !isStdout(paths.json)) process.stdout.write(jsonReporter.render(result));
    if (writeErrors.length > 0) {
      throw new MpsbenchError(writeErrors.join('; '), ExitCode.usage, `what finished is kept in the journal: fix the cause (disk full?), then mpsbench run --resume ${journal}`);
    }
    const written = [paths.json, paths.md].filter((p) => p !== undefined && !isStdout(p));
    if (written.length > 0) info(`wrote ${written.join(' and ')}`);
    if (sig !== undefined || !result.complete) info(`finish the run with: mpsbench run --resume ${journal}`);
    if (sig) return signalExitCode(sig);
    return !result.complete || result.results.some((r) => r.status === 'failed') ? ExitCode.runnerFailure : ExitCode.ok;
  } finally {
    progress?.stop();
    interrupts.dispose();
  }
}
