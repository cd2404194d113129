/**
 * A small synthetic fleet of result files for the merge and publish tests: two M2 Max machines
 * (same chip, so rows merge), an M3 (peak range), an H100 host (datasheet peak, tf32), and a
 * desktop with a GPU the chip table does not know. Times are round numbers chosen so the
 * expected speed-ups and percentages can be checked by hand.
 */
import { RESULT_SCHEMA, type CaseResult, type CaseStatus, type ResultFile, type RunnerRecord } from '../../../src/results/types.js';
import type { Dtype } from '../../../src/types.js';
import type { NamedResult } from '../../../src/fleet/merge.js';

/** FLOP of one 2048³ matmul. */
export const MATMUL_2048_FLOP = 2 * 2048 ** 3;

/** One case: backend, spec pieces, median seconds (undefined = not ok). */
export interface CaseIn {
  backend: string;
  dtype?: Dtype;
  median?: number;
  status?: CaseStatus;
  workload?: 'matmul' | 'train';
}

/** A case result with minimal, consistent statistics. */
export function caseResult(c: CaseIn): CaseResult {
  const dtype = c.dtype ?? 'f32';
  const workload = c.workload ?? 'matmul';
  const spec = workload === 'matmul' ? `matmul m=2048 n=2048 k=2048 dtype=${dtype}` : `train model=mlp batch=64 dtype=${dtype}`;
  const work = workload === 'matmul' ? { flop: MATMUL_2048_FLOP } : { flop: 1e9, samples: 64 };
  const status: CaseStatus = c.status ?? (c.median === undefined ? 'failed' : 'ok');
  const r: CaseResult = { key: `${c.backend}/${spec}`, spec, workload, backend: c.backend, dtype, params: {}, seed: 1, status, launches: [], work };
  if (status === 'ok' && c.median !== undefined) {
    const m = c.median;
    r.stats = { n: 10, median_s: m, mean_s: m, stddev_s: 0, mad_s: 0, min_s: m, max_s: m, p5_s: m, p95_s: m, ci_median_s: [m, m], outliers: 0, launch_medians_s: [m] };
  } else {
    r.error = { kind: status === 'unsupported' ? 'unsupported' : 'crash', message: `${c.backend} did not run` };
  }
  return r;
}

/** A runner record for `backend` on a device. */
function runner(backend: string, name: string, kind: string, extra: Record<string, number> = {}): RunnerRecord {
  return { backend, protocol: 1, runner: { name: `mpsbench-${backend}`, version: '0.1.0' }, device: { name, kind, ...extra }, workloads: {} };
}

/** A result file for one machine. */
export function resultFile(machine: string, cpu: string, logical: number, runners: RunnerRecord[], cases: CaseIn[]): ResultFile {
  return {
    schema: RESULT_SCHEMA,
    created: '2025-01-01T00:00:00Z',
    complete: true,
    command: ['mpsbench', 'run'],
    env: {
      host: { hostname: machine, platform: 'darwin', release: '24.0', os: 'macOS', arch: 'arm64', cpu: { model: cpu, cores: logical, logical }, memory_bytes: 2 ** 35 },
      node: 'v20.19.0',
      tool: { name: 'mpsbench', version: '0.1.0' },
      machine,
      gpus: [],
      runners: Object.fromEntries(runners.map((r) => [r.backend, r])),
      variables: {},
    },
    suites: [{ name: 'default' }],
    settings: { launches: 10, budget: {} },
    results: cases.map(caseResult),
  };
}

/** Runners of an Apple machine: cpu, torch-cpu, mps, torch-mps. */
function appleRunners(chip: string, gpuCores: number): RunnerRecord[] {
  return [
    runner('cpu', chip, 'cpu', { threads: 12 }),
    runner('torch-cpu', 'cpu', 'cpu', { threads: 12 }),
    runner('mps', chip, 'gpu', { gpu_cores: gpuCores }),
    runner('torch-mps', chip, 'gpu', { gpu_cores: gpuCores }),
  ];
}

/** The fleet: five files, four machines kinds (see the module comment). */
export function fleet(): NamedResult[] {
  const files: [string, ResultFile][] = [
    ['m2max-a.json', resultFile('mbp-m2max', 'Apple M2 Max', 12, appleRunners('Apple M2 Max', 38), [
      { backend: 'cpu', median: 0.012 },
      { backend: 'torch-cpu', median: 0.024 },
      { backend: 'mps', median: 0.0016 },
      { backend: 'torch-mps', median: 0.002 },
      { backend: 'torch-mps', dtype: 'bf16', status: 'unsupported' },
    ])],
    ['m2max-b.json', resultFile('studio-m2max', 'Apple M2 Max', 12, appleRunners('Apple M2 Max', 38), [
      { backend: 'cpu', median: 0.016 },
      { backend: 'mps', median: 0.0032 },
    ])],
    ['m3.json', resultFile('air-m3', 'Apple M3', 12, appleRunners('Apple M3', 10), [
      { backend: 'cpu', median: 0.03 },
      { backend: 'mps', median: 0.005 },
    ])],
    ['h100.json', resultFile('h100-box', 'Intel(R) Xeon(R) Platinum 8480+', 16, [
      runner('cpu', 'Intel(R) Xeon(R) Platinum 8480+', 'cpu', { threads: 16 }),
      runner('cuda', 'NVIDIA H100 80GB HBM3', 'gpu'),
    ], [
      { backend: 'cpu', median: 0.02 },
      { backend: 'cuda', median: MATMUL_2048_FLOP / 50e12 },
      { backend: 'cuda', dtype: 'tf32', median: MATMUL_2048_FLOP / 400e12 },
      { backend: 'cuda', workload: 'train', median: 0.001 },
    ])],
    ['desktop.json', resultFile('desk', 'AMD Ryzen 9 7950X', 32, [
      runner('cpu', 'AMD Ryzen 9 7950X', 'cpu', { threads: 32 }),
      runner('cuda', 'NVIDIA GeForce RTX 4090', 'gpu'),
    ], [
      { backend: 'cpu', median: 0.01 },
      { backend: 'cuda', median: 0.0005 },
    ])],
  ];
  return files.map(([name, result]) => ({ name, result }));
}
