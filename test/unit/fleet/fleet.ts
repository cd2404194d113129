/**
 * A small synthetic fleet of result files for the merge and publish tests: two M2 Max machines
 * (same chip, so rows merge), an M3 (peak range), an H100 host (datasheet peak, tf32), and a
 * desktop with a GPU the chip table does not know and a CPU it does (arithmetic peak, four launches
 * a side), a matmul size sweep and an FFT conv2d on the H100. Times are round numbers chosen so the
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
  workload?: 'matmul' | 'train' | 'conv2d';
  /** Square matmul size (m = n = k); 2048 when absent. */
  size?: number;
  /** The algorithm the runner reports in its launch info. */
  algo?: string;
  /** Launch medians (default: one launch at `median`). */
  launches?: number[];
}

/** FLOP of the fleet's conv2d case. */
export const CONV_FLOP = 1e12;

/** Spec, params and work of a case. */
function shape(c: CaseIn, dtype: Dtype): Pick<CaseResult, 'spec' | 'params' | 'work'> {
  const workload = c.workload ?? 'matmul';
  if (workload === 'train') return { spec: `train model=mlp batch=64 dtype=${dtype}`, params: { model: 'mlp', batch: 64 }, work: { flop: 1e9, samples: 64 } };
  if (workload === 'conv2d') return { spec: `conv2d n=32 c=64 dtype=${dtype}`, params: { n: 32, c: 64 }, work: { flop: CONV_FLOP } };
  const s = c.size ?? 2048;
  return { spec: `matmul m=${s} n=${s} k=${s} dtype=${dtype}`, params: s === 2048 ? {} : { m: s, n: s, k: s }, work: { flop: 2 * s ** 3 } };
}

/** A case result with minimal, consistent statistics. */
export function caseResult(c: CaseIn): CaseResult {
  const dtype = c.dtype ?? 'f32';
  const workload = c.workload ?? 'matmul';
  const { spec, params, work } = shape(c, dtype);
  const status: CaseStatus = c.status ?? (c.median === undefined ? 'failed' : 'ok');
  const launches = c.algo === undefined ? [] : [{ index: 0, ok: true, info: { algo: c.algo } }];
  const r: CaseResult = { key: `${c.backend}/${spec}`, spec, workload, backend: c.backend, dtype, params, seed: 1, status, launches, work };
  if (status === 'ok' && c.median !== undefined) {
    const m = c.median;
    const ci: [number, number] = [m * 0.99, m * 1.01];
    r.stats = { n: 10, median_s: m, mean_s: m, stddev_s: 0, mad_s: 0, min_s: m, max_s: m, p5_s: m, p95_s: m, ci_median_s: ci, outliers: 0, launch_medians_s: c.launches ?? [m] };
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
      { backend: 'cuda', size: 512, median: (2 * 512 ** 3) / 20e12 },
      { backend: 'cuda', size: 1024, median: (2 * 1024 ** 3) / 35e12 },
      { backend: 'cuda', size: 4096, median: (2 * 4096 ** 3) / 55e12 },
      { backend: 'cpu', size: 512, median: (2 * 512 ** 3) / 1e12 },
      { backend: 'cpu', size: 1024, median: (2 * 1024 ** 3) / 1.2e12 },
      { backend: 'cpu', size: 4096, median: (2 * 4096 ** 3) / 1.3e12 },
      { backend: 'cuda', workload: 'conv2d', median: CONV_FLOP / 80e12, algo: 'cudnnConvolutionForward FFT_TILING' },
      { backend: 'cpu', workload: 'conv2d', median: CONV_FLOP / 0.5e12, algo: 'im2col + sgemm' },
    ])],
    ['desktop.json', resultFile('desk', 'AMD Ryzen 9 7950X', 32, [
      runner('cpu', 'AMD Ryzen 9 7950X', 'cpu', { threads: 32 }),
      runner('cuda', 'NVIDIA GeForce RTX 4090', 'gpu'),
    ], [
      { backend: 'cpu', median: 0.01, launches: [0.0099, 0.01, 0.0102, 0.0101] },
      { backend: 'cuda', median: 0.0005, launches: [0.00049, 0.0005, 0.00051, 0.0005] },
    ])],
  ];
  return files.map(([name, result]) => ({ name, result }));
}
