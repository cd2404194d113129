/**
 * The system table of a comparison: one row per machine, from the result files' `env` (host CPU,
 * cores, memory, OS, GPUs and driver, the libraries each runner reported). Several files from
 * one machine merge into one row. Values come from files, so every field is bounded and read
 * through own properties only.
 */
import type { ResultFile } from '../results/types.js';

/** One machine of the comparison, as its files describe it. */
export interface SystemSummary {
  machine: string;
  cpu: string;
  /** `16 cores / 16 threads`. */
  cores: string;
  memoryBytes?: number;
  os: string;
  gpus: string[];
  driver: string[];
  /** `cublas cuBLAS 13.1.0`, `torch 2.11.0+cu130`, … deduplicated across files. */
  libraries: string[];
  backends: string[];
}

/** Cuts a file-supplied string to `max` characters. */
function bounded(text: unknown, max = 80): string {
  const s = typeof text === 'string' ? text.trim() : '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Library facts worth a column: short version strings, not build flags. */
const LIBRARY_KEYS = ['cuda_runtime', 'cublas', 'cudnn', 'torch', 'tensorflow', 'jax', 'mlx', 'metal', 'blas'];

/** `key version` pairs of every runner of a file, BLAS strings cut to their first words. */
function librariesOf(file: ResultFile): string[] {
  const out: string[] = [];
  for (const runner of Object.values(file.env.runners)) {
    const libs = runner.libraries ?? {};
    for (const key of LIBRARY_KEYS) {
      if (!Object.hasOwn(libs, key)) continue;
      const v = bounded(libs[key], 200);
      const short = key === 'blas' ? (v.split(',')[0] ?? '').split(' ').slice(0, 2).join(' ').trim() : v;
      if (short !== '' && !/^\d+$/.test(short)) out.push(key === 'blas' || short.toLowerCase().includes(key.split('_')[0] ?? key) ? short : `${key} ${short}`);
    }
  }
  return out;
}

/** The row of one file. */
function systemOf(file: ResultFile): SystemSummary {
  const { host } = file.env;
  const row: SystemSummary = {
    machine: bounded(file.env.machine, 60),
    cpu: bounded(host.cpu.model) || 'unknown CPU',
    cores: `${host.cpu.cores} cores / ${host.cpu.logical} threads`,
    os: bounded(`${host.platform} ${host.release}`),
    gpus: file.env.gpus.map((g) => bounded(g.name)).filter((g) => g !== ''),
    driver: file.env.gpus.map((g) => bounded(g.driver)).filter((d) => d !== ''),
    libraries: librariesOf(file),
    backends: Object.keys(file.env.runners).map((b) => bounded(b, 40)),
  };
  if (Number.isFinite(host.memory_bytes) && host.memory_bytes > 0) row.memoryBytes = host.memory_bytes;
  return row;
}

/** Appends the items of `b` missing from `a`. */
function union(a: string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** One row per machine, in first-seen order. */
export function systemsOf(files: readonly { result: ResultFile }[]): SystemSummary[] {
  const rows = new Map<string, SystemSummary>();
  for (const { result } of files) {
    const row = systemOf(result);
    const seen = rows.get(row.machine);
    if (seen === undefined) {
      rows.set(row.machine, row);
      continue;
    }
    seen.gpus = union(seen.gpus, row.gpus);
    seen.driver = union(seen.driver, row.driver);
    seen.libraries = union(seen.libraries, row.libraries);
    seen.backends = union(seen.backends, row.backends);
  }
  return [...rows.values()];
}
