/**
 * Finishing an interrupted run (`mpsbench run --resume JOURNAL`). The journal's header holds the
 * run's `RunSettings`, its working directory and output paths; the run is planned again from them,
 * cases the journal holds a final record for are kept as they are, good launches of unfinished
 * cases are reused, and only the rest runs, appending to the same journal. The caller changes to
 * the run's directory (`cwd`) before planning, so relative suite and runner paths resolve as before.
 */
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { JOURNAL_SUFFIX, readJournal, type JournalHeader, type ResumeInfo } from '../results/journal.js';
import type { CaseResult, LaunchRecord } from '../results/types.js';
import { BUDGET_KEYS } from '../suite/budget.js';
import { isStdout } from '../util/output.js';
import type { Budget } from '../types.js';
import { resolveSettings, type RunFlags, type RunSettings } from './settings.js';

/** A run restored from its journal. */
export interface ResumedRun {
  journal: string;
  settings: RunSettings;
  header: JournalHeader;
  /** Directory the run was started in. */
  cwd: string;
  /** MPSBENCH_PYTHON at the time, when it was set. */
  python?: string;
  paths: { json: string; md?: string };
  /** Cases with a final record (anything but `skipped`), by key. */
  done: Map<string, CaseResult>;
  /** Good launches of unfinished cases, by key. */
  prior: Map<string, LaunchRecord[]>;
  validBytes: number;
  /** True when a torn last line was dropped. */
  torn: boolean;
}

/** The header's resume information for a run about to start. */
export function resumeInfo(settings: RunSettings, paths: { json: string; md?: string }, env: NodeJS.ProcessEnv = process.env): ResumeInfo {
  const python = env.MPSBENCH_PYTHON;
  const abs = (p: string): string => (isStdout(p) ? p : resolve(p));
  return { cwd: process.cwd(), settings: { ...settings }, paths: { json: abs(paths.json), ...(paths.md !== undefined ? { md: abs(paths.md) } : {}) }, ...(python ? { python } : {}) };
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

const isStringMap = (x: unknown, value: (v: unknown) => boolean): boolean =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every(value);

/** A journal's `variants`: what `run --variant` resolved (run/variants.ts), shape-checked. */
function isVariants(x: unknown): boolean {
  return Array.isArray(x) && x.every((v: unknown) => {
    const o = v as Record<string, unknown> | null;
    return typeof o === 'object' && o !== null && typeof o.name === 'string' && /^[a-z0-9][a-z0-9_-]*$/.test(o.name)
      && isStringMap(o.env, (e) => typeof e === 'string') && isStringMap(o.commands, (c) => isStrings(c) && c.length > 0)
      && ['python', 'native'].every((k) => o[k] === undefined || typeof o[k] === 'string')
      && (o.threads === undefined || (typeof o.threads === 'number' && Number.isSafeInteger(o.threads) && o.threads >= 1));
  });
}

/** Checks stored settings field by field (the journal is a file, so its values are untrusted). */
function checkSettings(x: Record<string, unknown>, file: string): RunSettings {
  const bad = (field: string): never => {
    throw new InputError(`the journal header's run.settings.${field} is malformed (the journal is damaged)`, { file, line: 1, col: 1 });
  };
  const posInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
  const optional = (k: string, ok: (v: unknown) => boolean): void => void (x[k] !== undefined && !ok(x[k]) && bad(k));
  if (!isStrings(x.suites)) bad('suites');
  if (!isStrings(x.cases)) bad('cases');
  if (!posInt(x.launches)) bad('launches');
  const runners = Array.isArray(x.runners) ? x.runners : bad('runners');
  for (const r of runners as unknown[]) {
    const o = r as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || !isStrings(o.command) || o.command.length === 0) bad('runners');
  }
  optional('backends', isStrings);
  optional('filters', isStrings);
  optional('budget', (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(v).every(([k, n]) => BUDGET_KEYS.includes(k as keyof Budget) && typeof n === 'number' && Number.isFinite(n) && n >= 0));
  optional('threads', posInt);
  optional('variants', isVariants);
  optional('timeoutS', (v) => typeof v === 'number' && v > 0 && Number.isFinite(v));
  for (const k of ['machine', 'out', 'md', 'csv']) optional(k, (v) => typeof v === 'string');
  for (const k of ['allowCustomRunners', 'allowParavirtual']) optional(k, (v) => typeof v === 'boolean');
  return { ...(x as unknown as RunSettings), allowCustomRunners: x.allowCustomRunners === true, allowParavirtual: x.allowParavirtual === true };
}

/** Settings of an older journal, which kept the flags as typed: resolved the way the CLI does. */
function legacySettings(run: ResumeInfo): RunSettings {
  const o = run.options ?? {};
  const text = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);
  const list = (k: string): string[] | undefined => (isStrings(o[k]) ? o[k] : undefined);
  const flag = (k: string): boolean => o[k] === true;
  const flags: RunFlags = {};
  for (const k of ['backend', 'out', 'md', 'launches', 'threads', 'machine', 'timeout'] as const) {
    const v = text(k);
    if (v !== undefined) flags[k] = v;
  }
  flags.case = list('case') ?? [];
  flags.runner = list('runner') ?? [];
  flags.allowCustomRunners = flag('allowCustomRunners');
  flags.allowParavirtual = flag('allowParavirtual');
  return resolveSettings(isStrings(run.suites) ? run.suites : [], flags);
}

/** Reads the journal and restores the run; UsageError/InputError (exit 2) when it cannot be resumed. */
export async function openResume(journalArg: string): Promise<ResumedRun> {
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
  const settings = typeof run.settings === 'object' && run.settings !== null ? checkSettings(run.settings, journal) : legacySettings(run);
  // The result file sits beside the journal, even if both were moved together; a run to stdout
  // writes to stdout again.
  const json = isStdout(run.paths.json) ? run.paths.json : join(dirname(journal), basename(journal, JOURNAL_SUFFIX));
  const mdBeside = run.paths.md === run.paths.json.replace(/\.json$/i, '') + '.md';
  const md = mdBeside ? json.replace(/\.json$/i, '') + '.md' : run.paths.md;
  const paths = { json, ...(md !== undefined ? { md } : {}) };
  const done = new Map([...j.cases].filter(([, c]) => c.status !== 'skipped'));
  const prior = new Map([...j.launches].filter(([key]) => !done.has(key)));
  const header: JournalHeader = { ...j.header, env: { ...j.header.env, runners: { ...j.header.env.runners, ...Object.fromEntries(j.runners) } } };
  return {
    journal, settings, header, cwd: run.cwd, ...(run.python !== undefined ? { python: run.python } : {}),
    paths, done, prior, validBytes: j.validBytes, torn: j.torn,
  };
}
