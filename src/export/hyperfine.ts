/**
 * hyperfine `--export-json` shape (hyperfine `src/export/json.rs`,
 * `src/benchmark/benchmark_result.rs`): `{"results": [...]}`, each with `command`, `mean`,
 * `stddev` (null with one run), `median`, `user`, `system`, `min`, `max` (seconds), `times`,
 * `exit_codes` and `parameters` (strings, omitted when empty). One result per completed case:
 * `command` is the case key and a "run" is a launch, so `times` are the launch medians of
 * per-iteration time. mpsbench does not measure per-launch CPU time, so `user` and `system` are
 * null rather than a made-up 0 (hyperfine always writes numbers there; its scripts read `times`,
 * `mean`, `stddev`, `command` and `parameters`, not these). `parameters` holds only what varies
 * between the exported results (backend, dtype, workload parameters), so a sweep over one
 * parameter has exactly one, which is what hyperfine's `scripts/plot_parametrized.py` needs;
 * it is omitted when nothing varies, as hyperfine omits it without `--parameter-*`.
 */
import { launchMedians } from '../results/launch-medians.js';
import type { ResultFile } from '../results/types.js';
import { displayValue } from '../types.js';
import { meanAndStddev } from '../stats/summary.js';
import { median } from '../stats/quantile.js';

/** One hyperfine result. */
export interface HyperfineResult {
  command: string;
  mean: number;
  stddev: number | null;
  median: number;
  user: number | null;
  system: number | null;
  min: number;
  max: number;
  times: number[];
  exit_codes: number[];
  parameters?: Record<string, string>;
}

/** The hyperfine document for a result file. */
export function hyperfineExport(result: ResultFile): { results: HyperfineResult[] } {
  const done = result.results.filter((c) => c.status === 'ok' && launchMedians(c).length > 0);
  const all = done.map((c) => ({ backend: c.backend, dtype: c.dtype, ...Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, displayValue(v)])) }));
  const varying = [...new Set(all.flatMap((p) => Object.keys(p)))].filter((k) => new Set(all.map((p) => (p as Record<string, string>)[k])).size > 1);
  const results = done.flatMap((c, i): HyperfineResult[] => {
    const times = launchMedians(c);
    const { mean, stddev } = meanAndStddev(times);
    const own = (all[i] ?? {}) as Record<string, string>;
    const parameters = Object.fromEntries(varying.flatMap((k) => (own[k] !== undefined ? [[k, own[k]]] : [])));
    return [{
      command: c.key,
      mean,
      stddev: times.length > 1 ? stddev : null,
      median: median(times),
      user: null,
      system: null,
      min: Math.min(...times),
      max: Math.max(...times),
      times,
      exit_codes: times.map(() => 0),
      ...(varying.length > 0 ? { parameters } : {}),
    }];
  });
  return { results };
}

/** Renders the document pretty-printed, as hyperfine writes it. */
export function renderHyperfine(result: ResultFile): string {
  return `${JSON.stringify(hyperfineExport(result), null, 2)}\n`;
}
