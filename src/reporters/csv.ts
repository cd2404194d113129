/**
 * CSV reporter: one header row and one row per case with fixed columns, for spreadsheets and
 * pandas. Every parameter gets a `param.<name>` column (the union over all cases, first-seen
 * order; a `dtype` parameter is not repeated, the fixed `dtype` column holds it). Quoting
 * follows RFC 4180: CRLF line ends; a field holding a comma, a double quote, CR or LF is
 * wrapped in double quotes with inner quotes doubled. Times are seconds, numbers are written at
 * full precision. Measurements of a case that did not complete are left empty,
 * so no failed case ever carries a time or a speed.
 */
import type { CaseResult, ResultFile } from '../results/types.js';
import type { ParamValue } from '../types.js';
import type { Reporter } from './reporter.js';
import { verifyVerdict } from './table.js';

/** The fixed columns before and after the `param.<name>` columns. */
export const CSV_LEADING = ['key', 'backend', 'workload', 'spec', 'dtype'] as const;
export const CSV_TRAILING = [
  'status', 'median_s', 'mean_s', 'stddev_s', 'p5_s', 'p95_s', 'ci_lo_s', 'ci_hi_s', 'n',
  'flop_per_s', 'samples_per_s', 'max_rel_err', 'verify_passed', 'error_kind',
] as const;

/** One field, quoted per RFC 4180 when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell's text: empty for undefined, JSON for arrays (`[3,3]`), the plain value otherwise. */
function cell(v: ParamValue | null | undefined): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? JSON.stringify(v) : String(v);
}

/** The 10 measured columns (median_s … samples_per_s) of a case, empty unless it completed. */
function measured(c: CaseResult): (number | undefined)[] {
  const s = c.status === 'ok' ? c.stats : undefined;
  if (s === undefined) return new Array<undefined>(10).fill(undefined);
  const perSecond = (work: number | undefined): number | undefined =>
    work === undefined ? undefined : work / s.median_s;
  const flop = c.throughput?.flop_per_s ?? perSecond(c.work.flop);
  const samples = c.throughput?.samples_per_s ?? perSecond(c.work.samples);
  const [ciLo, ciHi] = s.ci_median_s;
  return [s.median_s, s.mean_s, s.stddev_s, s.p5_s, s.p95_s, ciLo, ciHi, s.n, flop, samples];
}

/** One case as CSV fields, in header order. */
function row(c: CaseResult, params: readonly string[]): string[] {
  const passed = verifyVerdict(c);
  return [
    c.key, c.backend, c.workload, c.spec, c.dtype,
    ...params.map((p) => cell(c.params[p])),
    c.status,
    ...measured(c).map(cell),
    cell(c.verify?.max_rel_err),
    passed === undefined ? '' : String(passed),
    c.error?.kind ?? '',
  ];
}

/** CSV reporter (`csv`): fixed columns, RFC 4180 quoting, CRLF line ends. */
export const csvReporter: Reporter = {
  name: 'csv',
  extension: 'csv',
  render(result: ResultFile): string {
    const names = result.results.flatMap((c) => Object.keys(c.params));
    const params = [...new Set(names)].filter((p) => p !== 'dtype'); // dtype has its own column
    const header = [...CSV_LEADING, ...params.map((p) => `param.${p}`), ...CSV_TRAILING];
    const lines = [header, ...result.results.map((c) => row(c, params))];
    return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
  },
};
