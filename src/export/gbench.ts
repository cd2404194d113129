/**
 * Google Benchmark JSON (`--benchmark_format=json`; google/benchmark `src/json_reporter.cc`), so
 * that google/benchmark's `tools/compare.py` can diff two mpsbench results. compare.py
 * (`tools/gbench/report.py`) groups rows by identical `name`, needs `time_unit`, `real_time` and
 * `cpu_time` on each, and feeds all same-name rows to its U test as repetitions. So each launch
 * becomes one `run_type: "iteration"` row (`repetitions` K, `repetition_index` k, `iterations` =
 * timed iterations of that launch), with `real_time` = the launch's median per-iteration time in
 * ns. With two or more launches, `mean`, `median` and `stddev` aggregate rows over the launches
 * follow (`run_type: "aggregate"`, name `<key>_<aggregate>`), as gbench writes for
 * `--benchmark_repetitions`, so `compare.py -a` compares launch statistics. mpsbench times the
 * device or the wall clock and measures no CPU time; compare.py requires `cpu_time`, so it
 * repeats `real_time` and the context says so (`mpsbench_cpu_time`). The context holds only
 * what mpsbench knows (no invented CPU frequency, scaling state, caches or load average).
 * Throughput is a flat user counter (`flop_per_second` / `items_per_second`), as gbench writes
 * `SetItemsProcessed`. Cases that did not complete are left out: compare.py indexes `real_time`
 * of every same-name row and would crash on an error row.
 */
import { goodLaunches, launchIterations, launchIterationTimes } from '../results/launch-medians.js';
import type { CaseResult, ResultFile } from '../results/types.js';
import { median } from '../stats/quantile.js';
import { meanAndStddev } from '../stats/summary.js';

/** One `benchmarks[]` row. */
export interface GbenchRow {
  name: string;
  family_index: number;
  per_family_instance_index: number;
  run_name: string;
  run_type: 'iteration' | 'aggregate';
  repetitions: number;
  repetition_index?: number;
  aggregate_name?: 'mean' | 'median' | 'stddev';
  aggregate_unit?: 'time';
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
    library_version: env.tool.version,
    json_schema_version: 1,
    mpsbench_cpu_time: 'not measured: cpu_time repeats real_time (device or wall-clock time)',
    mpsbench_machine: env.machine,
    mpsbench_cpu: env.host.cpu.model,
    mpsbench_gpus: env.gpus.map((g) => g.name).join(', '),
    mpsbench_os: `${env.host.os} ${env.host.release}`,
  };
}

/** The throughput counter at `ns` per iteration, as gbench's SetItemsProcessed writes it. */
function rate(c: CaseResult, ns: number): Pick<GbenchRow, 'flop_per_second' | 'items_per_second'> {
  if (ns <= 0) return {};
  if (c.work.samples !== undefined) return { items_per_second: c.work.samples / (ns / 1e9) };
  return c.work.flop !== undefined ? { flop_per_second: c.work.flop / (ns / 1e9) } : {};
}

/** Rows of one completed case: one per good launch, then the aggregates over launches. */
function rowsOf(c: CaseResult, family: number): GbenchRow[] {
  const launches = goodLaunches(c);
  const base = { family_index: family, per_family_instance_index: 0, run_name: c.key, repetitions: launches.length, threads: 1, time_unit: 'ns', label: c.backend } as const;
  const times = launches.map((l) => median(launchIterationTimes(l)) * 1e9);
  const rows: GbenchRow[] = launches.map((l, k) => {
    const ns = times[k] ?? 0;
    return { name: c.key, ...base, run_type: 'iteration', repetition_index: k, iterations: launchIterations(l), real_time: ns, cpu_time: ns, ...rate(c, ns) };
  });
  if (times.length < 2) return rows;
  const { mean, stddev } = meanAndStddev(times);
  const aggregates = { mean, median: median(times), stddev } as const;
  for (const name of ['mean', 'median', 'stddev'] as const) {
    const ns = aggregates[name];
    rows.push({
      name: `${c.key}_${name}`, ...base, run_type: 'aggregate', aggregate_name: name, aggregate_unit: 'time',
      iterations: times.length, real_time: ns, cpu_time: ns, ...(name === 'stddev' ? {} : rate(c, ns)),
    });
  }
  return rows;
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
