/**
 * `mpsbench run --resume JOURNAL`: finishes an interrupted run. The journal's header says how the
 * run was started (suites, options, working directory, output paths); the run is planned again
 * from that, cases the journal holds a final record for are kept as they are, good launches of
 * unfinished cases are reused, and only the rest runs, appending to the same journal. The partial
 * result file beside the journal is then replaced by the complete one.
 */
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { info, warn } from '../log.js';
import { JOURNAL_SUFFIX, readJournal, type JournalHeader, type ResumeInfo } from '../results/journal.js';
import type { CaseResult, LaunchRecord } from '../results/types.js';
import type { RunOptions } from '../commands/run.js';

/** A run restored from its journal. */
export interface ResumedRun {
  journal: string;
  suiteArgs: string[];
  opts: RunOptions;
  header: JournalHeader;
  paths: { json: string; md: string };
  /** Cases with a final record (anything but `skipped`), by key. */
  done: Map<string, CaseResult>;
  /** Good launches of unfinished cases, by key. */
  prior: Map<string, LaunchRecord[]>;
  validBytes: number;
}

/** Options that do not change what runs or where it goes, so they are not kept for a resume. */
const NOT_KEPT = new Set(['resume', 'force', 'json', 'verboseBuild']);

/** The header's resume information for a run about to start. */
export function resumeInfo(suiteArgs: string[], opts: RunOptions, paths: { json: string; md: string }): ResumeInfo {
  const options = Object.fromEntries(Object.entries(opts).filter(([k, v]) => !NOT_KEPT.has(k) && v !== undefined));
  const python = process.env.MPSBENCH_PYTHON;
  return { cwd: process.cwd(), suites: [...suiteArgs], options, paths: { json: resolve(paths.json), md: resolve(paths.md) }, ...(python ? { python } : {}) };
}

/** Options given beside --resume that would change the run; --resume takes them from the journal. */
function conflicting(suiteArgs: string[], opts: RunOptions): string[] {
  const given: string[] = [];
  if (suiteArgs.length > 0) given.push('suite arguments');
  if (opts.case.length > 0) given.push('--case');
  if ((opts.runner ?? []).length > 0) given.push('--runner');
  if (opts.launches !== '1') given.push('--launches');
  for (const [k, flag] of [['backend', '--backend'], ['out', '--out'], ['md', '--md'], ['threads', '--threads'], ['machine', '--machine'], ['timeout', '--timeout']] as const) {
    if (opts[k] !== undefined) given.push(flag);
  }
  if (opts.allowCustomRunners) given.push('--allow-custom-runners');
  return given;
}

/** Reads the journal and restores the run's arguments; changes to the run's directory. */
export async function openResume(journalArg: string, suiteArgs: string[], opts: RunOptions): Promise<ResumedRun> {
  const extra = conflicting(suiteArgs, opts);
  if (extra.length > 0) {
    throw new UsageError(`--resume takes the run's arguments from the journal; drop ${extra.join(', ')}`, `e.g. mpsbench run --resume ${journalArg}`);
  }
  const journal = resolve(journalArg);
  if (!journal.endsWith(JOURNAL_SUFFIX)) {
    throw new UsageError(`--resume needs a journal (<out>.json${JOURNAL_SUFFIX}), got ${journalArg}`, 'an interrupted run leaves its journal beside the partial result file');
  }
  const j = await readJournal(journal);
  const run = j.header.run;
  if (!run) throw new UsageError(`${journalArg} was written by an mpsbench that cannot resume it (its header has no "run" record)`);
  const host = j.header.env.host.hostname;
  if (host !== hostname()) {
    throw new UsageError(`${journalArg} was measured on host "${host}", this is "${hostname()}"`, 'resume a run on the machine that started it; mixing machines in one result corrupts it');
  }
  if (j.torn) warn(`${journalArg}: dropped a torn last line (the run was killed while writing it)`);
  if (process.cwd() !== run.cwd) {
    try {
      process.chdir(run.cwd);
    } catch {
      throw new UsageError(`cannot change to ${run.cwd}, the directory the run was started in`, 'relative suite and runner paths are resolved from it');
    }
  }
  if (run.python !== undefined && process.env.MPSBENCH_PYTHON === undefined) process.env.MPSBENCH_PYTHON = run.python;
  // The result file sits beside the journal, even if both were moved together.
  const json = join(dirname(journal), basename(journal, JOURNAL_SUFFIX));
  const mdBeside = run.paths.md === run.paths.json.replace(/\.json$/i, '') + '.md';
  const paths = { json, md: mdBeside ? json.replace(/\.json$/i, '') + '.md' : run.paths.md };
  const done = new Map([...j.cases].filter(([, c]) => c.status !== 'skipped'));
  const prior = new Map([...j.launches].filter(([key]) => !done.has(key)));
  const restored = { ...(run.options as Partial<RunOptions>), case: (run.options.case as string[] | undefined) ?? [], launches: typeof run.options.launches === 'string' ? run.options.launches : '1', json: opts.json, verboseBuild: opts.verboseBuild } as RunOptions;
  const header: JournalHeader = { ...j.header, env: { ...j.header.env, runners: { ...j.header.env.runners, ...Object.fromEntries(j.runners) } } };
  const reused = [...prior.values()].reduce((n, l) => n + l.length, 0);
  info(`resuming ${journalArg}: ${done.size} case(s) finished${reused > 0 ? `, ${reused} launch(es) of unfinished cases kept` : ''}`);
  return { journal, suiteArgs: run.suites, opts: restored, header, paths, done, prior, validBytes: j.validBytes };
}
