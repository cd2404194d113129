/**
 * Google Benchmark JSON (`--benchmark_format=json`; anchors.md §5.2, `src/json_reporter.cc`), so
 * that google/benchmark's `tools/compare.py` can diff two mpsbench results. compare.py
 * (`tools/gbench/report.py`) groups rows by identical `name`, needs `time_unit`, `real_time` and
 * `cpu_time` on each, and feeds all same-name rows to its U test as repetitions. So each launch
 * becomes one `run_type: "iteration"` row (`repetitions` K, `repetition_index` k, `iterations` =
 * timed iterations of that launch), with `real_time` = the launch's median per-iteration time in
 * ns (mpsbench times the device or the wall clock, not CPU time, so `cpu_time` repeats it).
 * Throughput is a flat user counter (`flop_per_second` / `items_per_second`), as gbench writes
 * `SetItemsProcessed`. Cases that did not complete are left out: compare.py indexes `real_time`
 * of every same-name row and would crash on an error row.
 */
import { goodLaunches, launchIterations, launchIterationTimes } from '../results/launch-medians.js';
import type { CaseResult, ResultFile } from '../results/types.js';
import { median } from '../stats/quantile.js';

/** One `benchmarks[]` row. */
export interface GbenchRow {
  name: string;
  family_index: number;
  per_family_instance_index: number;
  run_name: string;
  run_type: 'iteration';
  repetitions: number;
  repetition_index: number;
  threads: number;
  iterations: number;
  real_time: number;
  cpu_time: number;
  time_unit: 'ns';
  label: string;
  flop_per_second?: number;
  items_per_second?: number;
}

/** `context`: gbench's fields plus mpsbench's environment as custom keys. */
function context(result: ResultFile): Record<string, unknown> {
  const { env } = result;
  return {
    date: result.created,
    host_name: env.host.hostname,
    executable: 'mpsbench',
    num_cpus: env.host.cpu.logical,
    mhz_per_cpu: 0,
    cpu_scaling_enabled: false,
    caches: [],
    load_avg: [],
    library_version: env.tool.version,
    library_build_type: 'release',
    json_schema_version: 1,
    mpsbench_machine: env.machine,
    mpsbench_cpu: env.host.cpu.model,
    mpsbench_gpus: env.gpus.map((g) => g.name).join(', '),
    mpsbench_os: `${env.host.os} ${env.host.release}`,
  };
}

/** Rows of one completed case, one per good launch. */
function rowsOf(c: CaseResult, family: number): GbenchRow[] {
  const launches = goodLaunches(c);
  return launches.map((l, k) => {
    const ns = median(launchIterationTimes(l)) * 1e9;
    const rate = c.work.samples !== undefined
      ? { items_per_second: c.work.samples / (ns / 1e9) }
      : c.work.flop !== undefined ? { flop_per_second: c.work.flop / (ns / 1e9) } : {};
    return {
      name: c.key,
      family_index: family,
      per_family_instance_index: 0,
      run_name: c.key,
      run_type: 'iteration',
      repetitions: launches.length,
      repetition_index: k,
      threads: 1,
      iterations: launchIterations(l),
      real_time: ns,
      cpu_time: ns,
      time_unit: 'ns',
      label: c.backend,
      ...rate,
    };
  });
}

/** The Google Benchmark document for a result file. */
export function gbenchExport(result: ResultFile): { context: Record<string, unknown>; benchmarks: GbenchRow[] } {
  const done = result.results.filter((c) => c.status === 'ok' && goodLaunches(c).length > 0);
  return { context: context(result), benchmarks: done.flatMap((c, i) => rowsOf(c, i)) };
}

/** Renders the document as gbench writes it (2-space indent). */
export function renderGbench(result: ResultFile): string {
  return `${JSON.stringify(gbenchExport(result), null, 2)}\n`;
}
