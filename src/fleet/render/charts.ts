/**
 * The charts of a comparison: per workload and dtype, one line chart per sweep (throughput
 * against the swept parameter, one line per chip × backend) and one bar chart of the cases that
 * are not part of a sweep (one group per case, one bar per chip × backend). Throughput rather
 * than time, so higher is better in every chart; colours follow the backend across the page.
 */
import { formatByteRate, formatFlops, formatSamplesRate } from '../../render/units.js';
import { layoutCases, type Sweep } from '../sweeps.js';
import type { CaseTable, Comparison, MergedRow } from '../types.js';
import { backendColour } from './chart-kit.js';
import { chipMark } from './chart-marks.js';
import { slugify } from './escape.js';
import { renderBarChart } from './svg-bars.js';
import { renderLineChart } from './svg-lines.js';

/** A rendered chart: `name` is its file name (`<slug>.svg`), unique within the report. */
export interface RenderedChart {
  name: string;
  title: string;
  svg: string;
  workload: string;
  /** The case specs it draws (for linking the chart to its tables). */
  specs: string[];
}

/** Rows with a throughput. */
function measured(table: CaseTable): MergedRow[] {
  return table.rows.filter((r) => r.rate !== undefined && Number.isFinite(r.rate.value));
}

/** The chip × backend series of some tables, first-seen order, with colour and the chip's page-wide mark. */
function seriesOf(tables: readonly CaseTable[], chips: readonly string[]): { key: string; label: string; colour: string; mark: ReturnType<typeof chipMark> }[] {
  const out = new Map<string, { key: string; label: string; colour: string; mark: ReturnType<typeof chipMark> }>();
  for (const r of tables.flatMap(measured)) {
    const key = `${r.device.label}|${r.backend}`;
    if (!out.has(key)) out.set(key, { key, label: `${r.backend} · ${r.device.label}`, colour: backendColour(r.backend), mark: chipMark(Math.max(0, chips.indexOf(r.device.label))) });
  }
  return [...out.values()];
}

/** Unit, caption and formatter of some tables' throughput. */
function unitOf(tables: readonly CaseTable[]): { unit: string; format: (v: number) => string } {
  const has = (u: string): boolean => tables.some((t) => measured(t).some((r) => r.rate?.unit === u));
  if (has('samples')) return { unit: 'samples/s', format: formatSamplesRate };
  return has('bytes') ? { unit: 'bytes/s', format: formatByteRate } : { unit: 'FLOP/s', format: formatFlops };
}

/** A case's label without its workload and dtype (`m=4096 n=4096 k=4096`). */
export function caseLabel(table: CaseTable): string {
  return table.spec
    .replace(new RegExp(`^${table.workload.replace(/[^\w-]/g, '')}\\s*`), '')
    .replace(/\s*dtype=\S+/, '')
    .trim() || table.spec;
}

/** The line chart of a sweep; undefined when nothing in it completed. */
export function sweepChart(sweep: Sweep, chips: readonly string[] = []): RenderedChart | undefined {
  const tables = sweep.points.map((p) => p.table);
  const series = seriesOf(tables, chips);
  if (series.length === 0) return undefined;
  const { unit, format } = unitOf(tables);
  const title = `${sweep.workload} ${sweep.dtype}: throughput vs ${sweep.label}`;
  const name = `${slugify(`${sweep.workload} ${sweep.dtype} sweep ${sweep.label} ${sweep.fixed}`)}.svg`;
  const svg = renderLineChart({
    id: slugify(name),
    title,
    subtitle: `${sweep.fixed === '' ? '' : `${sweep.fixed}; `}higher is better`,
    xLabel: sweep.label,
    yUnit: unit,
    format,
    series: series.map((s) => ({
      label: s.label,
      colour: s.colour,
      mark: s.mark,
      points: sweep.points.flatMap((p) => {
        const r = measured(p.table).find((row) => `${row.device.label}|${row.backend}` === s.key);
        return r?.rate === undefined ? [] : [{ x: p.x, y: r.rate.value }];
      }),
    })),
  });
  return { name, title, svg, workload: sweep.workload, specs: tables.map((t) => t.spec) };
}

/** The bar chart of single cases of one workload and dtype; undefined when nothing completed. */
export function singlesChart(tables: readonly CaseTable[], chips: readonly string[] = []): RenderedChart | undefined {
  const head = tables[0];
  const series = seriesOf(tables, chips);
  if (head === undefined || series.length === 0) return undefined;
  const { unit, format } = unitOf(tables);
  const title = `${head.workload} ${head.dtype}: throughput per case`;
  const name = `${slugify(`${head.workload} ${head.dtype} cases`)}.svg`;
  const svg = renderBarChart({
    id: slugify(name),
    title,
    subtitle: `${unit} at the median time; longer is better`,
    unit,
    format,
    series: series.map(({ label, colour, mark }) => ({ label, colour, mark })),
    groups: tables
      .filter((t) => measured(t).length > 0)
      .map((t) => ({
        label: caseLabel(t),
        values: series.map((s) => measured(t).find((r) => `${r.device.label}|${r.backend}` === s.key)?.rate?.value),
      })),
  });
  return { name, title, svg, workload: head.workload, specs: tables.map((t) => t.spec) };
}

/** Every chart of the comparison in page order (by workload, then sweeps, then single cases). */
export function allCharts(cmp: Comparison): RenderedChart[] {
  const { sweeps, singles } = layoutCases(cmp.cases);
  const workloads = [...new Set(cmp.cases.map((c) => c.workload))];
  const chips = [...new Set(cmp.cases.flatMap((c) => c.rows.map((r) => r.device.label)))];
  const out: RenderedChart[] = [];
  for (const w of workloads) {
    for (const s of sweeps.filter((x) => x.workload === w)) {
      const c = sweepChart(s, chips);
      if (c !== undefined) out.push(c);
    }
    const dtypes = [...new Set(singles.filter((t) => t.workload === w).map((t) => t.dtype))];
    for (const d of dtypes) {
      const c = singlesChart(singles.filter((t) => t.workload === w && t.dtype === d), chips);
      if (c !== undefined) out.push(c);
    }
  }
  const used = new Set<string>();
  for (const c of out) {
    let name = c.name;
    for (let i = 2; used.has(name); i++) name = c.name.replace(/\.svg$/, `-${i}.svg`);
    used.add(name);
    c.name = name;
  }
  return out;
}
