/**
 * The charts of a comparison, one pair per workload case: throughput by chip (groups) and
 * backend (bars), and speed-up of every non-baseline row over its machine's CPU baselines.
 * Throughput rather than time, so longer bars are better in both charts.
 */
import { formatFlops, formatRatio, formatSamplesRate } from '../../render/units.js';
import { CPU_BASELINES, type CaseTable, type Comparison } from '../types.js';
import { slugify } from './escape.js';
import { renderBarChart } from './svg-bars.js';

/** A rendered chart: `name` is its file name (`<slug>.svg`), unique within the report. */
export interface RenderedChart {
  name: string;
  title: string;
  svg: string;
}

/** Values in first-seen order, without repeats. */
function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Throughput chart of a case: chips × backends; undefined when nothing completed. */
export function throughputChart(table: CaseTable): RenderedChart | undefined {
  const rows = table.rows.filter((r) => r.rate !== undefined);
  if (rows.length === 0) return undefined;
  const samples = rows.some((r) => r.rate?.unit === 'samples');
  const backends = unique(rows.map((r) => r.backend));
  const chips = unique(rows.map((r) => r.device.label));
  const groups = chips.map((chip) => ({
    label: chip,
    values: backends.map((b) => rows.find((r) => r.device.label === chip && r.backend === b)?.rate?.value),
  }));
  const title = `${table.spec}: throughput`;
  const svg = renderBarChart({
    title,
    subtitle: `${samples ? 'samples/s' : 'FLOP/s'} at the median time; longer is better`,
    series: backends,
    groups,
    format: samples ? formatSamplesRate : formatFlops,
  });
  return { name: `${slugify(table.spec)}-throughput.svg`, title, svg };
}

/** Speed-up chart of a case: chip · backend × baseline; undefined when no row has a speed-up. */
export function speedupChart(table: CaseTable): RenderedChart | undefined {
  const rows = table.rows.filter((r) => !(CPU_BASELINES as readonly string[]).includes(r.backend));
  const baselines = CPU_BASELINES.filter((b) => rows.some((r) => r.speedups[b] !== undefined));
  if (baselines.length === 0) return undefined;
  const groups = rows
    .filter((r) => baselines.some((b) => r.speedups[b] !== undefined))
    .map((r) => ({ label: `${r.device.label} · ${r.backend}`, values: baselines.map((b) => r.speedups[b]) }));
  const title = `${table.spec}: speed-up over the CPU`;
  const svg = renderBarChart({
    title,
    subtitle: "each row's median time against the same machine's CPU baseline; longer is better",
    series: baselines.map((b) => `vs ${b}`),
    groups,
    format: (v) => (v === 0 ? '0' : formatRatio(v)),
    reference: { value: 1, label: '1× = CPU' },
  });
  return { name: `${slugify(table.spec)}-speedup.svg`, title, svg };
}

/** Every chart of the comparison by case spec, in case order; names made unique if slugs collide. */
export function allCharts(cmp: Comparison): Map<string, RenderedChart[]> {
  const used = new Set<string>();
  const out = new Map<string, RenderedChart[]>();
  for (const table of cmp.cases) {
    const charts = [throughputChart(table), speedupChart(table)].filter((c): c is RenderedChart => c !== undefined);
    for (const c of charts) {
      let name = c.name;
      for (let i = 2; used.has(name); i++) name = c.name.replace(/\.svg$/, `-${i}.svg`);
      used.add(name);
      c.name = name;
    }
    out.set(table.spec, charts);
  }
  return out;
}
