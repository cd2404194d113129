/**
 * Turns what runners measured for one case (its launches) into the case's result: status,
 * verification against the dtype's tolerance, statistics of per-iteration times, and throughput
 * derived from the workload's own FLOP and byte counts — never from anything a runner claims.
 */
import { summarize } from '../stats/index.js';
import { timingOf, type CaseInstance } from '../types.js';
import { getWorkload, toleranceFor } from '../workloads/index.js';
import { launchIterationTimes } from './launch-medians.js';
import type { CaseError, CaseResult, CaseStats, LaunchRecord, VerifyRecord, WorkRecord } from './types.js';

function workOf(c: CaseInstance): WorkRecord {
  const w = getWorkload(c.workload);
  if (!w) return {};
  const samples = w.samples(c.params);
  return { flop: w.flop(c.params, c.dtype), bytes: w.bytes(c.params, c.dtype), ...(samples !== undefined ? { samples } : {}) };
}

/** Worst verification over the launches that reported one, judged against the tolerance. */
function verifyOf(c: CaseInstance, launches: LaunchRecord[]): VerifyRecord | undefined {
  const reports = launches.flatMap((l) => (l.verify ? [l.verify] : []));
  if (reports.length === 0) return undefined;
  const tolerance = toleranceFor(c.workload, c.dtype);
  const nonfinite = reports.reduce((s, v) => s + (v.nonfinite ?? 0), 0);
  const anyNull = reports.some((v) => v.max_rel_err === null);
  const worst = anyNull ? null : Math.max(...reports.map((v) => v.max_rel_err ?? 0));
  const checked = Math.min(...reports.map((v) => v.checked));
  const passed = worst !== null && nonfinite === 0 && worst >= 0 && worst <= tolerance && checked > 0;
  return { max_rel_err: worst, checked, nonfinite, tolerance, passed };
}

function statsOf(launches: LaunchRecord[]): CaseStats | undefined {
  const per = launches.filter((l) => l.ok).map(launchIterationTimes).filter((t) => t.length > 0);
  const all = per.flat();
  if (all.length === 0) return undefined;
  const s = summarize(all);
  return {
    n: s.n,
    median_s: s.median,
    mean_s: s.mean,
    stddev_s: s.stddev,
    mad_s: s.mad,
    min_s: s.min,
    max_s: s.max,
    p5_s: s.p5,
    p95_s: s.p95,
    p99_s: s.p99,
    ci_median_s: [s.ciMedian[0], s.ciMedian[1]],
    outliers: s.outliers,
    launch_medians_s: per.map((t) => summarize(t).median),
  };
}

function firstError(launches: LaunchRecord[]): CaseError | undefined {
  return launches.find((l) => !l.ok && l.error)?.error;
}

/** Why verification failed, in words: nothing reported or checked, a non-finite output, or the error. */
function verifyMessage(c: CaseInstance, v: VerifyRecord | undefined): string {
  if (v === undefined) return 'verification failed: the runner reported no verification';
  if (v.checked <= 0) return 'verification failed: the runner checked no output elements (checked: 0)';
  if (v.max_rel_err === null || (v.nonfinite ?? 0) > 0) return `verification failed: a non-finite output exceeds the ${c.dtype} tolerance ${v.tolerance}`;
  return `verification failed: error ${v.max_rel_err.toExponential(2)} exceeds the ${c.dtype} tolerance ${v.tolerance}`;
}

/** Builds the final result of one case from its launches. */
export function assembleCase(c: CaseInstance, launches: LaunchRecord[]): CaseResult {
  const base: CaseResult = {
    key: c.key,
    spec: c.spec,
    workload: c.workload,
    backend: c.backend,
    dtype: c.dtype,
    params: c.params,
    seed: c.seed,
    suite: c.suite,
    ...(c.variant !== undefined ? { variant: c.variant } : {}),
    timing: timingOf(c),
    ...(c.threshold !== undefined ? { threshold: c.threshold } : {}),
    status: 'ok',
    launches,
    work: workOf(c),
  };
  const error = firstError(launches);
  if (error) {
    const status = error.kind === 'unsupported' ? 'unsupported' : error.kind === 'interrupted' ? 'skipped' : 'failed';
    return { ...base, status, error };
  }
  const verify = verifyOf(c, launches);
  if (!verify?.passed) {
    const message = verifyMessage(c, verify);
    return { ...base, status: 'failed', ...(verify ? { verify } : {}), error: { kind: 'verify', message } };
  }
  const stats = statsOf(launches);
  if (!stats) return { ...base, status: 'failed', verify, error: { kind: 'protocol', message: 'no samples' } };
  const m = stats.median_s;
  const w = base.work;
  const throughput = {
    ...(w.flop !== undefined ? { flop_per_s: w.flop / m } : {}),
    ...(w.bytes !== undefined ? { bytes_per_s: w.bytes / m } : {}),
    ...(w.samples !== undefined ? { samples_per_s: w.samples / m } : {}),
  };
  return { ...base, verify, stats, throughput };
}
