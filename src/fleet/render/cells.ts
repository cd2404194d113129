/**
 * The comparison table's columns and cells, shared by the Markdown and HTML renderers so both
 * print the same text. Uses the report module's `Column` shape and number formatting; each cell
 * also carries a numeric sort key for the HTML page's sortable tables.
 */
import { NONE, formatByteRate, formatDuration, formatFlops, formatPercent, formatRatio, formatSamplesRate } from '../../render/units.js';
import type { Column } from '../../reporters/table.js';
import type { PeakRange } from '../chips/types.js';
import type { RoofPosition } from '../roofline.js';
import { CPU_BASELINES, type CaseTable, type MergedRow, type PeakShare, type RateUnit, type SpeedupCi } from '../types.js';
import { LAUNCH_BOUND_MARK } from '../../results/timing-model.js';

/** One cell: its text, a number to sort by (undefined sorts last), and an HTML-only flag. */
export interface Cell {
  text: string;
  sort?: number;
  /** Percent-of-peak cells: why the share is "effective" (shown as a tooltip, class `effective`). */
  effective?: string;
  /** Link target of the cell's text in the HTML page (`#c-…`). */
  href?: string;
  /** Markup that replaces the escaped text in HTML (built from escaped parts only). */
  html?: string;
}

/** A percent-of-peak cell: `78.1%`, flagged `113.4% effective` where `share.effective` says why. */
export function shareCell(share: PeakShare): Cell {
  const text = formatShare(share.fraction);
  const cell: Cell = { text: share.effective === undefined ? text : `${text} effective`, sort: share.fraction.high };
  if (share.effective !== undefined) cell.effective = share.effective;
  return cell;
}

/** Why a share of a roof passes 100%. */
const ABOVE_ROOF = 'effective: above the roof, so the case moved less memory than its minimum byte count (cache reuse) or did fewer operations than its FLOP count';

/** A "bound by" cell: `memory 87.2%`, `compute 41.0%`, or why no roof binds (`— no bandwidth roof`). */
export function boundCell(roof: RoofPosition): Cell {
  if (roof.bound === undefined || roof.fraction === undefined) return { text: `${NONE} ${roof.missing ?? 'no roof'}` };
  const pct = formatPercent(roof.fraction);
  if (!(roof.fraction > 1)) return { text: `${roof.bound} ${pct}`, sort: roof.fraction };
  return { text: `${roof.bound} ${pct} effective`, sort: roof.fraction, effective: ABOVE_ROOF };
}

/** A speed-up with its interval: `6.2× (5.9–6.5)`. */
export function speedupText(value: number, ci: SpeedupCi | undefined): string {
  const v = formatRatio(value);
  return ci === undefined ? v : `${v} (${formatRatio(ci.lo).replace('×', '')}–${formatRatio(ci.hi)})`;
}

/** A percent-of-peak range as text: `78.1%`, or `70.2–81.4%` when the peak is a range. */
export function formatShare(f: PeakRange): string {
  const lo = formatPercent(f.low);
  if (Math.abs(f.high - f.low) < 1e-9 * Math.max(1, f.high)) return lo;
  return `${lo.slice(0, -1)}–${formatPercent(f.high)}`;
}

/** A throughput as text in its unit: FLOP/s, bytes/s (decimal, as datasheets) or samples/s. */
export function formatRate(rate: { value: number; unit: RateUnit }): string {
  if (rate.unit === 'flop') return formatFlops(rate.value);
  return rate.unit === 'bytes' ? formatByteRate(rate.value) : formatSamplesRate(rate.value);
}

/** Throughput text of a row. */
export function rateText(row: MergedRow): string {
  return row.rate === undefined ? NONE : formatRate(row.rate);
}

/** The baselines that have a speed-up in at least one row of the table. */
function baselinesIn(table: CaseTable): (typeof CPU_BASELINES)[number][] {
  return CPU_BASELINES.filter((b) => table.rows.some((r) => r.speedups[b] !== undefined));
}

/** The percent column's header, saying when CPU rows are against a measured ceiling. */
function peakHeader(table: CaseTable): string {
  return table.rows.some((r) => r.share?.peak.kind === 'measured') ? '% of peak (CPU: % of measured ceiling)' : '% of peak';
}

/** Columns of a case table; speed-up and percent columns only when some row has a value. */
export function caseColumns(table: CaseTable): Column[] {
  const cols: Column[] = [
    { id: 'chip', header: 'chip', align: 'left' },
    { id: 'backend', header: 'backend', align: 'left' },
    { id: 'median', header: 'median', align: 'right' },
    { id: 'throughput', header: 'throughput', align: 'right' },
    ...baselinesIn(table).map((b): Column => ({
      id: `x.${b}`,
      header: table.rows.some((r) => r.speedupCis[b] !== undefined) ? `×${b} (95% CI)` : `×${b}`,
      align: 'right',
    })),
  ];
  if (table.rows.some((r) => r.share !== undefined)) cols.push({ id: 'peak', header: peakHeader(table), align: 'right' });
  if (table.rows.some((r) => r.roof !== undefined)) cols.push({ id: 'bound', header: 'bound by (% of roof)', align: 'left' });
  cols.push({ id: 'runs', header: 'runs', align: 'right' }, { id: 'machines', header: 'machines', align: 'left' });
  return cols;
}

/** Runs cell: `3`, or `2 (+1 failed)`; a row with no completed run shows its status. */
function runsText(row: MergedRow): string {
  if (row.n === 0) return row.status;
  return row.notOk > 0 ? `${row.n} (+${row.notOk} not ok)` : String(row.n);
}

/** One cell of `row` for the column `id`. */
function cellFor(row: MergedRow, id: string): Cell {
  switch (id) {
    case 'chip':
      return { text: row.device.label };
    case 'backend':
      return { text: row.backend };
    case 'median':
      return row.median === undefined ? { text: NONE } : { text: `${formatDuration(row.median)}${row.launchBound === true ? ` ${LAUNCH_BOUND_MARK}` : ''}`, sort: row.median };
    case 'throughput':
      return { text: rateText(row), ...(row.rate && { sort: row.rate.value }) };
    case 'peak':
      return row.share === undefined ? { text: NONE } : shareCell(row.share);
    case 'bound':
      return row.roof === undefined ? { text: NONE } : boundCell(row.roof);
    case 'runs':
      return { text: runsText(row), sort: row.n };
    case 'machines':
      return { text: row.machines.join(', ') };
    default: {
      const base = id.slice(2) as (typeof CPU_BASELINES)[number];
      const s = row.speedups[base];
      return s === undefined ? { text: NONE } : { text: speedupText(s, row.speedupCis[base]), sort: s };
    }
  }
}

/** The cells of every row of `table`, aligned with `caseColumns(table)`. */
export function caseCells(table: CaseTable): Cell[][] {
  const cols = caseColumns(table);
  return table.rows.map((row) => cols.map((c) => cellFor(row, c.id)));
}

/** Case tables grouped by workload, first-seen order. */
export function byWorkload(cases: readonly CaseTable[]): Map<string, CaseTable[]> {
  const out = new Map<string, CaseTable[]>();
  for (const c of cases) {
    const group = out.get(c.workload);
    if (group) group.push(c);
    else out.set(c.workload, [c]);
  }
  return out;
}
