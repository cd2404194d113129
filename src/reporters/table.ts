/**
 * The shared row model behind the console, Markdown and CSV reports (like hyperfine's
 * MarkupExporter and llama-bench's field list): one table per workload, one row per case result.
 *
 * Columns: backend, the parameters that vary within the workload (constant ones go to the
 * table's caption, as llama-bench's Markdown printer does), dtype, median, spread, throughput,
 * verification, status and, when the workload has a `cpu` row, the speed-up over it. A case whose
 * status is not `ok` shows its status and error instead of numbers: never a time or a speed.
 */
import type { CaseResult, CaseStatus, ResultFile } from '../results/types.js';
import { displayValue, timingOf } from '../types.js';
import { isLaunchBound, LAUNCH_BOUND_LEGEND, LAUNCH_BOUND_MARK, onGpu, timingMismatch } from '../results/timing-model.js';
import {
  NONE,
  formatByteRate,
  formatDuration,
  formatFlops,
  formatRatio,
  formatSamplesRate,
  formatSci,
} from '../render/units.js';
import { getWorkload } from '../workloads/index.js';
import type { RenderOptions, SpreadKind } from './reporter.js';

/** The backend every other backend's speed-up is measured against. */
export const BASELINE_BACKEND = 'cpu';

/** The speed-up cell of a case whose baseline ran under another timing model (never divided). */
export const NOT_COMPARABLE = 'n/c';

/** Longest error message a table cell shows; reports list the full text below the tables. */
export const MAX_CELL_MESSAGE = 40;

/** A column of a workload table. `id` is stable (`param.<name>` for parameters). */
export interface Column {
  id: string;
  header: string;
  align: 'left' | 'right';
}

/** One case as table cells, aligned with the table's columns, plus what colouring needs. */
export interface Row {
  key: string;
  status: CaseStatus;
  /** Verification verdict, when there was one. */
  verifyPassed?: boolean;
  cells: string[];
}

/** One workload's table. `constants` are the parameters every row shares (`n=512`). */
export interface WorkloadTable {
  workload: string;
  constants: string[];
  columns: Column[];
  rows: Row[];
}

/**
 * Splits the parameters of a workload's cases into those that vary (in first-seen order) and
 * those that are the same in every case. `dtype` is left out: it has a column of its own.
 */
export function splitParams(cases: readonly CaseResult[]): {
  varying: string[];
  constant: string[];
} {
  const all = cases.flatMap((c) => Object.keys(c.params));
  const names = [...new Set(all)].filter((n) => n !== 'dtype');
  const varying: string[] = [];
  const constant: string[] = [];
  for (const name of names) {
    const seen = cases.map((c) => (Object.hasOwn(c.params, name) ? JSON.stringify(c.params[name]) : ''));
    const values = new Set(seen);
    if (values.size > 1) varying.push(name);
    else constant.push(name);
  }
  return { varying, constant };
}

/** The median per-iteration time of a case that completed, else undefined. */
export function okMedian(c: CaseResult): number | undefined {
  return c.status === 'ok' ? c.stats?.median_s : undefined;
}

/**
 * Speed-up of `c` over the `cpu` backend on the same spec, variant and timing model: cpu median /
 * this median. Undefined unless both cases completed.
 */
export function cpuSpeedup(c: CaseResult, all: readonly CaseResult[]): number | undefined {
  const base = all.find((o) => o.backend === BASELINE_BACKEND && o.spec === c.spec && o.variant === c.variant && timingMismatch(o, c) === undefined);
  const mine = okMedian(c);
  const theirs = base === undefined ? undefined : okMedian(base);
  return mine === undefined || theirs === undefined || mine <= 0 ? undefined : theirs / mine;
}

/** Cell text of a case's speed-up over `cpu`; `n/c` when cpu ran the spec only under the other timing model. */
function speedupText(c: CaseResult, all: readonly CaseResult[]): string {
  const s = cpuSpeedup(c, all);
  if (s !== undefined) return formatRatio(s);
  const other = all.some((o) => o.backend === BASELINE_BACKEND && o.spec === c.spec && o.variant === c.variant && timingMismatch(o, c) !== undefined);
  return other && okMedian(c) !== undefined && c.backend !== BASELINE_BACKEND ? NOT_COMPARABLE : NONE;
}

/**
 * Throughput of a completed case in the rate its workload leads with (`WorkloadDef.rate`):
 * samples/s (train, infer), bytes/s (bandwidth) or FLOP/s; a workload this build does not know
 * gets samples/s when it counts samples, else FLOP/s. From `throughput`, or `work` and the median.
 */
export function throughputText(c: CaseResult): string {
  const median = okMedian(c);
  if (median === undefined || median <= 0) return NONE;
  const rate = getWorkload(c.workload)?.rate ?? (c.work.samples !== undefined ? 'samples' : 'flop');
  const per = (v: number | undefined, work: number | undefined): number | undefined => v ?? (work === undefined ? undefined : work / median);
  const t = c.throughput;
  if (rate === 'samples') return optional(per(t?.samples_per_s, c.work.samples), formatSamplesRate);
  if (rate === 'bytes') return optional(per(t?.bytes_per_s, c.work.bytes), formatByteRate);
  return optional(per(t?.flop_per_s, c.work.flop), formatFlops);
}

function optional(v: number | undefined, format: (x: number) => string): string {
  return v === undefined ? NONE : format(v);
}

/** Whether verification passed: `passed` when recorded, else max error ≤ tolerance. */
export function verifyVerdict(c: CaseResult): boolean | undefined {
  const v = c.verify;
  if (v === undefined) return undefined;
  if (v.passed !== undefined) return v.passed;
  if (v.max_rel_err === null) return false;
  return v.tolerance === undefined ? undefined : v.max_rel_err <= v.tolerance;
}

/** Verification cell: `3.1e-6 ≤ 1.0e-4 ✓`, `2.0e-1 > 1.0e-3 ✗`, `non-finite ✗`. */
export function verifyText(c: CaseResult): string {
  const v = c.verify;
  if (v === undefined) return NONE;
  const passed = verifyVerdict(c);
  const mark = passed === undefined ? '' : passed ? ' ✓' : ' ✗';
  if (v.max_rel_err === null) return `non-finite${mark}`;
  const err = formatSci(v.max_rel_err);
  if (v.tolerance === undefined) return `${err}${mark}`;
  return `${err} ${passed === false ? '>' : '≤'} ${formatSci(v.tolerance)}${mark}`;
}

/**
 * Status with the error kind and message, on one line: `failed (verify): max error 0.2 > 1e-3`,
 * `unsupported: no f16 matmul` (the kind is left out when it repeats the status). Messages longer
 * than `maxMessage` characters are cut with an ellipsis.
 */
export function describeStatus(c: CaseResult, maxMessage = Infinity): string {
  if (c.error === undefined) return c.status;
  const oneLine = c.error.message.replace(/\s+/g, ' ').trim();
  const msg = oneLine.length > maxMessage ? `${oneLine.slice(0, maxMessage - 1)}…` : oneLine;
  const kind = c.error.kind === c.status ? '' : ` (${c.error.kind})`;
  return `${c.status}${kind}: ${msg}`;
}

/** Spread cell: `± 12.3 µs` (half the CI of the median) or `1.50 ms–1.61 ms` (p5–p95). */
export function spreadText(c: CaseResult, kind: SpreadKind): string {
  const s = okMedian(c) === undefined ? undefined : c.stats;
  if (s === undefined) return NONE;
  if (kind === 'p5-p95') return `${formatDuration(s.p5_s)}–${formatDuration(s.p95_s)}`;
  return `± ${formatDuration((s.ci_median_s[1] - s.ci_median_s[0]) / 2)}`;
}

/** Every case that did not complete (failed, unsupported, skipped), in file order. */
export function failedCases(result: ResultFile): CaseResult[] {
  return result.results.filter((c) => c.status !== 'ok');
}

/** Groups cases by workload (first-seen order); rows by spec, then by backend, first-seen. */
export function groupByWorkload(cases: readonly CaseResult[]): Map<string, CaseResult[]> {
  const specOrder = new Map<string, number>();
  const backendOrder = new Map<string, number>();
  for (const c of cases) {
    if (!specOrder.has(c.spec)) specOrder.set(c.spec, specOrder.size);
    if (!backendOrder.has(c.backend)) backendOrder.set(c.backend, backendOrder.size);
  }
  const rank = (c: CaseResult): [number, number] => [
    specOrder.get(c.spec) ?? 0,
    backendOrder.get(c.backend) ?? 0,
  ];
  const groups = new Map<string, CaseResult[]>();
  for (const c of cases) {
    const rows = groups.get(c.workload);
    if (rows === undefined) groups.set(c.workload, [c]);
    else rows.push(c);
  }
  for (const rows of groups.values()) {
    rows.sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
  }
  return groups;
}

/** The columns of one workload's table, given its varying parameters. */
function columnsFor(
  varying: readonly string[],
  spread: SpreadKind,
  withSpeedup: boolean,
  latency: boolean,
  withTiming: boolean,
): Column[] {
  const cols: Column[] = [
    { id: 'backend', header: 'backend', align: 'left' },
    ...varying.map((p): Column => ({ id: `param.${p}`, header: p, align: 'right' })),
    { id: 'dtype', header: 'dtype', align: 'left' },
    ...(withTiming ? [{ id: 'timing', header: 'timing', align: 'left' } satisfies Column] : []),
    { id: 'median', header: latency ? 'p50' : 'median', align: 'right' },
    ...(latency ? [{ id: 'p99', header: 'p99', align: 'right' } satisfies Column] : []),
    { id: 'spread', header: spread === 'ci' ? '± CI95' : 'p5–p95', align: 'right' },
    { id: 'throughput', header: 'throughput', align: 'right' },
    { id: 'verify', header: 'max rel err', align: 'right' },
    { id: 'status', header: 'status', align: 'left' },
  ];
  if (withSpeedup) cols.push({ id: 'speedup', header: `×${BASELINE_BACKEND}`, align: 'right' });
  return cols;
}

/** One case as a row of the table whose columns `columnsFor` made. */
function rowFor(
  c: CaseResult,
  result: ResultFile,
  varying: readonly string[],
  spread: SpreadKind,
  flags: { withSpeedup: boolean; latency: boolean; withTiming: boolean },
): Row {
  const { withSpeedup, latency, withTiming } = flags;
  const median = okMedian(c);
  const p99 = median === undefined ? undefined : c.stats?.p99_s;
  const mark = isLaunchBound(median, onGpu(result, c.backend)) ? ` ${LAUNCH_BOUND_MARK}` : '';
  const cells = [
    c.variant === undefined ? c.backend : `${c.backend} @${c.variant}`,
    ...varying.map((p) => {
      const v = c.params[p];
      return v === undefined ? NONE : displayValue(v);
    }),
    c.dtype,
    ...(withTiming ? [timingOf(c)] : []),
    median === undefined ? NONE : `${formatDuration(median)}${mark}`,
    ...(latency ? [p99 === undefined ? NONE : formatDuration(p99)] : []),
    spreadText(c, spread),
    throughputText(c),
    verifyText(c),
    describeStatus(c, MAX_CELL_MESSAGE),
  ];
  if (withSpeedup) cells.push(speedupText(c, result.results));
  const verifyPassed = verifyVerdict(c);
  const row: Row = { key: c.key, status: c.status, cells };
  if (verifyPassed !== undefined) row.verifyPassed = verifyPassed;
  return row;
}

/** Builds one table per workload from a result file (see the module comment). */
export function buildTables(result: ResultFile, opts: RenderOptions = {}): WorkloadTable[] {
  const spread = opts.spread ?? 'ci';
  const tables: WorkloadTable[] = [];
  for (const [workload, cases] of groupByWorkload(result.results)) {
    const { varying, constant } = splitParams(cases);
    const shared = cases[0]?.params ?? {};
    const constants = constant.flatMap((p) => {
      const v = shared[p];
      return v === undefined ? [] : [`${p}=${displayValue(v)}`];
    });
    const withSpeedup = cases.some((c) => c.backend === BASELINE_BACKEND);
    const latency = getWorkload(workload)?.latency === true;
    const withTiming = new Set(cases.map((c) => timingOf(c))).size > 1;
    tables.push({
      workload,
      constants,
      columns: columnsFor(varying, spread, withSpeedup, latency, withTiming),
      rows: cases.map((c) => rowFor(c, result, varying, spread, { withSpeedup, latency, withTiming })),
    });
  }
  return tables;
}

/**
 * Legend lines for what the tables show beyond the usual columns: the launch-bound mark, and
 * `n/c` speed-ups (the cpu case ran under the other timing model). Empty when neither appears.
 */
export function tableNotes(tables: readonly WorkloadTable[]): string[] {
  const cells = tables.flatMap((t) => t.rows.flatMap((r) => r.cells));
  const notes: string[] = [];
  if (cells.some((c) => c.endsWith(` ${LAUNCH_BOUND_MARK}`))) notes.push(LAUNCH_BOUND_LEGEND);
  if (cells.includes(NOT_COMPARABLE)) {
    notes.push(`${NOT_COMPARABLE}: not comparable, ${BASELINE_BACKEND} ran this case only under the other timing model (streamed vs isolated); speed-ups pair cases of one timing model`);
  }
  return notes;
}
