/**
 * The doctor's verdicts and the file a user attaches to a bug report: per backend, pass, fail or
 * unavailable, with the runner's hello, each small case's outcome and, for failures, the problems
 * found and the runner's stderr tail. Everything is redacted (redact.ts) before it is written.
 */
import type { CaseError, CaseResult, EnvRecord, ResultFile, RunnerRecord } from '../results/types.js';
import { checkCase, type CaseVerdict } from './checks.js';
import { redact, type Personal } from './redact.js';

/** Schema identifier of the doctor's report file. */
export const DOCTOR_SCHEMA = 'mpsbench.doctor/v1';

/** Backends whose device timer comes with a graph compile that must be recorded as `info.compile_ns`. */
const COMPILE_TIME_BACKENDS = new Set(['mps']);

/** One small case in the report. */
export interface DoctorCase extends CaseVerdict {
  median_iter_s?: number;
  max_rel_err?: number | null;
  timer?: string;
  error?: CaseError;
}

/** One backend's verdict. */
export interface DoctorBackend {
  backend: string;
  outcome: 'pass' | 'fail' | 'unavailable';
  reason?: string;
  hello?: RunnerRecord;
  cases: DoctorCase[];
}

/** The whole report file. */
export interface DoctorReport {
  schema: typeof DOCTOR_SCHEMA;
  created: string;
  verdict: 'pass' | 'fail';
  /** The machine (absent when no backend ran). */
  env?: Omit<EnvRecord, 'runners'>;
  backends: DoctorBackend[];
}

function caseEntry(r: CaseResult): DoctorCase {
  const v = checkCase(r, COMPILE_TIME_BACKENDS.has(r.backend));
  const timer = r.launches.find((l) => l.ok)?.timer;
  return {
    ...v,
    ...(r.stats ? { median_iter_s: r.stats.median_s } : {}),
    ...(r.verify ? { max_rel_err: r.verify.max_rel_err } : {}),
    ...(timer ? { timer } : {}),
    ...(r.error && v.outcome === 'fail' ? { error: r.error } : {}),
  };
}

function backendEntry(name: string, result: ResultFile | undefined): DoctorBackend {
  if (!result) return { backend: name, outcome: 'fail', reason: 'did not run', cases: [] };
  const cases = result.results.filter((r) => r.backend === name).map(caseEntry);
  const hello = Object.hasOwn(result.env.runners, name) ? result.env.runners[name] : undefined;
  const failed = cases.some((c) => c.outcome === 'fail');
  const passed = cases.some((c) => c.outcome === 'pass');
  const reason = failed ? undefined : passed ? undefined : 'the runner ran none of the small cases';
  return { backend: name, outcome: failed || !passed ? 'fail' : 'pass', ...(reason ? { reason } : {}), ...(hello ? { hello } : {}), cases };
}

/** The environment without the runners' hello records (the report keeps those per backend). */
function withoutRunners(env: EnvRecord): Omit<EnvRecord, 'runners'> {
  const rest: Partial<EnvRecord> = { ...env };
  delete rest.runners;
  return rest as Omit<EnvRecord, 'runners'>;
}

/** How unavailable backends count: a failure when the user asked for them by name. */
export interface ReportOptions {
  unavailableFails?: boolean;
}

/**
 * Builds the redacted report from a run of the small cases (none when nothing was available) and
 * the backends left out. The verdict is pass when some backend passed and none failed.
 */
export function buildReport(
  result: ResultFile | undefined,
  ran: readonly string[],
  unavailable: readonly { backend: string; reason: string }[],
  personal: Personal,
  opts: ReportOptions = {},
): DoctorReport {
  const backends: DoctorBackend[] = [
    ...ran.map((b) => backendEntry(b, result)),
    ...unavailable.map((u) => ({ backend: u.backend, outcome: 'unavailable' as const, reason: u.reason, cases: [] })),
  ];
  const env = result ? withoutRunners(result.env) : undefined;
  const failed = backends.some((b) => b.outcome === 'fail') || (opts.unavailableFails === true && unavailable.length > 0);
  const report: DoctorReport = {
    schema: DOCTOR_SCHEMA,
    created: result?.created ?? new Date().toISOString(),
    verdict: failed || !backends.some((b) => b.outcome === 'pass') ? 'fail' : 'pass',
    ...(env ? { env } : {}),
    backends,
  };
  return redact(report, personal) as DoctorReport;
}
