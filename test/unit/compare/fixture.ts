/**
 * Builds result files for the compare and export tests from per-launch medians, so each test
 * states the numbers it is about: `caseWith('cpu/x', [1e-3, …])` is a case whose launches have
 * those median per-iteration times (each launch: 5 samples of 2 iterations around the median).
 */
import type { CaseResult, LaunchRecord, ResultFile } from '../../../src/results/types.js';
import { loadSmallResult } from '../reporters/fixture.js';

/** One launch whose median per-iteration time is `medianS` seconds (samples ±1% around it). */
export function launchAt(index: number, medianS: number): LaunchRecord {
  const ns = medianS * 2 * 1e9;
  return {
    index,
    ok: true,
    timer: 'wall',
    iters_per_sample: 2,
    samples_ns: [ns * 0.99, ns * 0.995, ns, ns * 1.005, ns * 1.01],
    verify: { max_rel_err: 1e-7, checked: 256, passed: true },
  };
}

/** An ok matmul case on `key` (`backend/spec`) with one launch per median. */
export function caseWith(key: string, medians: readonly number[], extra: Partial<CaseResult> = {}): CaseResult {
  const [backend = 'cpu', spec = 'matmul m=64 n=64 k=64 dtype=f32'] = key.split('/');
  return {
    key,
    spec,
    workload: 'matmul',
    backend,
    dtype: 'f32',
    params: { m: 64, n: 64, k: 64, batch: 1, trans_a: false, trans_b: false },
    seed: 1,
    status: 'ok',
    launches: medians.map((m, i) => launchAt(i, m)),
    work: { flop: 2 * 64 ** 3, bytes: 3 * 4 * 64 ** 2 },
    ...extra,
  };
}

/** A result file (the small fixture's environment) holding `cases`. */
export function resultWith(cases: CaseResult[], machine = 'box'): ResultFile {
  const r = loadSmallResult();
  return { ...r, env: { ...r.env, machine }, settings: { launches: cases[0]?.launches.length ?? 1, budget: {} }, results: cases };
}

/** `n` launch medians spread evenly over [centre × (1 − spread), centre × (1 + spread)]. */
export function spread(centre: number, n: number, spreadFrac = 0.01): number[] {
  return Array.from({ length: n }, (_, i) => centre * (1 + spreadFrac * (n === 1 ? 0 : (2 * i) / (n - 1) - 1)));
}
