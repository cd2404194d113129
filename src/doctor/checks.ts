/**
 * What `mpsbench doctor` checks in each small case a backend ran: the run itself (status ok,
 * verified against float64), the samples (present and non-zero), the timer (a device time lies
 * within the host wall time of the same sample, and so does host encode time) and the first call
 * (warm-up's first iteration, and a runner's `info.compile_ns`, recorded). Pure: results in,
 * problems out, so the fault-injection tests and the command share it.
 */
import type { CaseResult, LaunchRecord } from '../results/types.js';

/** A device sample may exceed the host wall time of the same sample by this fraction (clock skew)… */
export const WALL_SLACK_REL = 0.02;
/** …plus this many nanoseconds. */
export const WALL_SLACK_NS = 10_000;

/** Verdict of one case: `skip` when the runner does not claim it (not a failure). */
export interface CaseVerdict {
  key: string;
  outcome: 'pass' | 'fail' | 'skip';
  problems: string[];
}

function finitePositive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function withinWall(name: string, series: readonly number[], wall: readonly number[]): string[] {
  if (series.length !== wall.length) return [`${name} has ${series.length} entries but wall_samples_ns ${wall.length}`];
  const bad = series.findIndex((t, i) => t > (wall[i] ?? 0) * (1 + WALL_SLACK_REL) + WALL_SLACK_NS);
  if (bad < 0) return [];
  return [`${name}[${bad}] = ${series[bad]} ns exceeds the host wall time of the same sample (${wall[bad]} ns)`];
}

/** Problems with the timing of one successful launch. */
export function launchProblems(l: LaunchRecord): string[] {
  const out: string[] = [];
  const samples = l.samples_ns ?? [];
  if (samples.length === 0) out.push('no samples');
  const zero = samples.findIndex((t) => !finitePositive(t));
  if (zero >= 0) out.push(`samples_ns[${zero}] is ${String(samples[zero])}, not a positive duration`);
  if (!finitePositive(l.iters_per_sample)) out.push('iters_per_sample missing');
  if (l.timer === 'gpu' && l.wall_samples_ns === undefined) out.push('device timer without wall_samples_ns (host wall time of the same samples)');
  if (l.wall_samples_ns) out.push(...withinWall('device sample', samples, l.wall_samples_ns));
  if (l.encode_samples_ns && l.wall_samples_ns) out.push(...withinWall('encode_samples_ns', l.encode_samples_ns, l.wall_samples_ns));
  if (!finitePositive(l.warmup?.first_ns)) out.push('first-call time (warmup.first_ns) not recorded');
  const info = l.info ?? {};
  if (Object.hasOwn(info, 'compile_ns') && !finitePositive(info.compile_ns)) out.push(`info.compile_ns is ${JSON.stringify(info.compile_ns)}, expected the compile time in ns`);
  return out;
}

/** Checks one case's result; `needsCompileTime` backends (mps) must report `info.compile_ns`. */
export function checkCase(r: CaseResult, needsCompileTime = false): CaseVerdict {
  if (r.status === 'unsupported') return { key: r.key, outcome: 'skip', problems: [r.error?.message ?? 'not supported'] };
  const problems: string[] = [];
  if (r.status !== 'ok') problems.push(`${r.error?.kind ?? r.status}: ${r.error?.message ?? 'no result'}`);
  if (r.status === 'ok' && r.verify?.passed !== true) {
    problems.push(`verification failed: max_rel_err ${String(r.verify?.max_rel_err)} > tolerance ${String(r.verify?.tolerance)}`);
  }
  for (const l of r.launches.filter((x) => x.ok)) {
    problems.push(...launchProblems(l));
    if (needsCompileTime && !Object.hasOwn(l.info ?? {}, 'compile_ns')) problems.push('info.compile_ns (graph compile time) not recorded');
  }
  return { key: r.key, outcome: problems.length === 0 ? 'pass' : 'fail', problems: [...new Set(problems)] };
}
