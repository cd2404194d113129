/**
 * The roofline section of a comparison: per chip (device), one roofline chart of every row that
 * has a roofline position, and the same points as a table (the chart's text alternative, shared
 * by the Markdown and HTML renderers): number, case, backend, FLOP/byte, achieved, the roof at
 * that intensity and "bound by". Numbers follow the case order of the comparison, one per case.
 */
import { NONE, formatByteRate, formatFlops, formatSignificant } from '../../render/units.js';
import type { RoofPosition } from '../roofline.js';
import type { CaseTable, Comparison, MergedRow } from '../types.js';
import { backendColour } from './chart-kit.js';
import { boundCell, type Cell } from './cells.js';
import { caseLabel, type RenderedChart } from './charts.js';
import { slugify } from './escape.js';
import { SHAPES, renderRoofline, type RoofPoint } from './svg-roofline.js';

/** The pseudo-workload of roofline charts (`RenderedChart.workload`), so workload sections skip them. */
export const ROOFLINE = 'roofline';

/** One point of a chip's roofline: its case number, table, row and position. */
export interface RooflineEntry {
  n: number;
  table: CaseTable;
  row: MergedRow & { roof: RoofPosition };
}

/** One chip's roofline: its chart and its points. */
export interface ChipRoofline {
  device: string;
  chart: RenderedChart;
  entries: RooflineEntry[];
  /** What the bandwidth roof is, or why there is none. */
  bandwidthNote: string;
}

/** Headers of the text-alternative table. */
export const ROOFLINE_HEADERS = ['#', 'case', 'backend', 'FLOP/byte', 'achieved', 'roof here', 'bound by (% of roof)'];

/** A short case name: `attention batch=4 … causal=true f16`. */
export function shortCase(table: CaseTable): string {
  return `${table.workload} ${caseLabel(table)} ${table.dtype}`;
}

/** Entries per device label, numbered per case in comparison order. */
function entriesByDevice(cmp: Comparison): Map<string, RooflineEntry[]> {
  const out = new Map<string, RooflineEntry[]>();
  const numbers = new Map<string, Map<string, number>>();
  for (const table of cmp.cases) {
    for (const row of table.rows) {
      if (row.roof === undefined) continue;
      const dev = row.device.label;
      const nums = numbers.get(dev) ?? new Map<string, number>();
      numbers.set(dev, nums);
      const n = nums.get(table.spec) ?? nums.size + 1;
      nums.set(table.spec, n);
      const list = out.get(dev) ?? [];
      out.set(dev, list);
      list.push({ n, table, row: row as MergedRow & { roof: RoofPosition } });
    }
  }
  return out;
}

/** One chip's chart; `index` (from 1) keeps file names unique when device labels slug alike. */
function chipChart(device: string, entries: readonly RooflineEntry[], index: number): ChipRoofline {
  const compute = new Map<string, number>();
  for (const e of entries) if (e.row.roof.compute !== undefined && !compute.has(e.table.dtype)) compute.set(e.table.dtype, e.row.roof.compute);
  const bandwidth = entries.find((e) => e.row.roof.bandwidth !== undefined)?.row.roof.bandwidth;
  const backends = [...new Set(entries.map((e) => e.row.backend))];
  const workloads = [...new Set(entries.map((e) => e.table.workload))];
  const points: RoofPoint[] = entries.map((e) => {
    const p: RoofPoint = { n: e.n, label: `${shortCase(e.table)} · ${e.row.backend}`, x: e.row.roof.intensity, y: e.row.roof.flops, colour: backendColour(e.row.backend), backend: e.row.backend, shape: workloads.indexOf(e.table.workload) % SHAPES };
    if (e.row.roof.intensity === 0) p.bytesPerS = e.row.roof.bytesPerS;
    return p;
  });
  const title = `Roofline: ${device}`;
  const name = `${slugify(`roofline ${device}`).slice(0, 60)}-${index}.svg`;
  const bwText = bandwidth === undefined ? 'no bandwidth roof (no datasheet figure and no bandwidth result on this device)' : `bandwidth roof ${formatByteRate(bandwidth.value)} (${bandwidth.kind === 'datasheet' ? bandwidth.label : 'measured here: the best bandwidth copy/triad result on this device'})`;
  const svg = renderRoofline({
    id: slugify(name),
    title,
    subtitle: `one point per case and backend, numbered by case where there is room (every point is in the table); ${bwText}`,
    compute: [...compute].map(([dtype, value]) => ({ dtype, value })),
    ...(bandwidth !== undefined && { bandwidth: { value: bandwidth.value, label: bandwidth.kind === 'datasheet' ? 'datasheet' : 'measured' } }),
    points,
    backends: backends.map((b) => ({ label: b, colour: backendColour(b) })),
    workloads: workloads.map((w, i) => ({ label: w, shape: i % SHAPES })),
    formatFlops,
    formatBytes: formatByteRate,
  });
  const chart: RenderedChart = { name, title, svg, workload: ROOFLINE, specs: [...new Set(entries.map((e) => e.table.spec))] };
  return { device, chart, entries: [...entries], bandwidthNote: bwText };
}

/** Every chip's roofline, in first-seen device order; chips with no roofline position have none. */
export function rooflineCharts(cmp: Comparison): ChipRoofline[] {
  const out: ChipRoofline[] = [];
  for (const [device, entries] of entriesByDevice(cmp)) out.push(chipChart(device, entries, out.length + 1));
  return out;
}

/** The attainable FLOP/s (or bytes/s for copy) at a position's intensity: the lower roof. */
function roofHere(r: RoofPosition): string {
  const bw = r.bandwidth?.value;
  if (r.intensity === 0) return bw === undefined ? NONE : formatByteRate(bw);
  const memory = bw === undefined ? undefined : bw * r.intensity;
  const lower = Math.min(memory ?? Infinity, r.compute ?? Infinity);
  return Number.isFinite(lower) ? formatFlops(lower) : NONE;
}

/** The text-alternative rows of a chip's roofline, aligned with `ROOFLINE_HEADERS`. */
export function rooflineRows(c: ChipRoofline): Cell[][] {
  return c.entries.map((e) => {
    const r = e.row.roof;
    const achieved = r.intensity === 0 ? formatByteRate(r.bytesPerS) : formatFlops(r.flops);
    return [
      { text: String(e.n), sort: e.n },
      { text: shortCase(e.table) },
      { text: e.row.backend },
      { text: r.intensity === 0 ? '0 (copy)' : formatSignificant(r.intensity, 3), sort: r.intensity },
      { text: achieved, sort: r.intensity === 0 ? r.bytesPerS : r.flops },
      { text: roofHere(r) },
      boundCell(r),
    ];
  });
}
