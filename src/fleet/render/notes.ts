/**
 * The prose every comparison format shares: the headline, how the numbers were merged, how to
 * read speed-ups and percent of peak, and the peak/source list. Kept apart from markup so the
 * Markdown and HTML pages say exactly the same thing.
 */
import type { Source } from '../chips/sources.js';
import type { PeakRange, PeakRef } from '../chips/types.js';
import { formatFlops } from '../../render/units.js';
import { describePick } from '../pick.js';
import type { Comparison } from '../types.js';
import { LAUNCH_BOUND_LEGEND } from '../../results/timing-model.js';

/** The page title. */
export const TITLE = 'mpsbench chip comparison';

/** A peak as text: `67.0 TFLOP/s`, or `14.1–16.4 TFLOP/s` for a range. */
export function formatPeak(r: PeakRange): string {
  if (r.low === r.high) return formatFlops(r.low);
  const [lo, unitLo] = splitUnit(formatFlops(r.low));
  const [hi, unitHi] = splitUnit(formatFlops(r.high));
  return unitLo === unitHi ? `${lo}–${hi} ${unitHi}` : `${lo} ${unitLo}–${hi} ${unitHi}`;
}

function splitUnit(text: string): [string, string] {
  const i = text.indexOf(' ');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** How to read the roofline section (one paragraph, Markdown-style `code`). */
export const ROOFLINE_NOTE =
  'Each point is one case on one backend: x is its arithmetic intensity (the workload’s FLOP per iteration over its minimum bytes moved: every input read and every output written once), y its achieved FLOP/s, both log scale. ' +
  'The horizontal lines are the chip’s compute roofs per dtype (the peaks below), the diagonal its bandwidth roof (datasheet where the chip is known, else the best `bandwidth` result measured on that device, else none). ' +
  'A case is bound by the lower roof at its intensity; “bound by” gives that roof and the percent of it achieved. Cases that do no arithmetic (`bandwidth op=copy`) sit at the left edge on a dashed segment of their achieved bytes/s.';

/** One line: how many files, machines and cases were merged. */
export function summaryLine(cmp: Comparison): string {
  const machines = new Set(cmp.inputs.map((i) => i.machine)).size;
  const files = cmp.inputs.length;
  return `${files} result file${files === 1 ? '' : 's'} from ${machines} machine${machines === 1 ? '' : 's'}, ${cmp.cases.length} workload case${cmp.cases.length === 1 ? '' : 's'}.`;
}

/** The method paragraph: pick rule, speed-up and percent-of-peak definitions. */
export function methodNotes(cmp: Comparison): string[] {
  return [
    describePick(cmp.pick),
    'Times are medians of per-iteration times; throughput is the workload’s FLOP (or samples) per iteration divided by that time. ' +
      'FLOP/s use decimal prefixes (1 TFLOP/s = 10¹² FLOP/s).',
    'Cases are split by timing model (a spec ending in timing=…, docs/protocol.md §3): a speed-up pairs cases of one model only, never streamed with isolated. ' +
      `${LAUNCH_BOUND_LEGEND}.`,
    '×cpu and ×torch-cpu are speed-ups over the CPU baselines measured on the same machine (never another machine’s CPU): ' +
      'baseline median ÷ this row’s median, computed per machine and then picked like the times. ' +
      'The 95% interval is the paired signed-rank interval of `compare` where both sides come from one interleaved run with 6 or more launches each; else a bootstrap over whole launches where both sides have 3 or more launches; with one launch a side it is the ratio of the two medians’ within-launch intervals (labelled “within-launch”: it leaves out process-to-process variance).',
    'Percent of peak is throughput ÷ the peak listed under “Peaks and sources”, shown only where a peak is known. ' +
      'GPU peaks are dense datasheet figures for the case’s dtype (f32 = FP32 CUDA/shader cores, tf32/f16/bf16 = tensor cores on NVIDIA); ' +
      'Apple M3/M4 clocks are not published, so their peaks and percentages are ranges. ' +
      'CPUs: an arithmetic peak (cores × SIMD lanes × FMA units × 2 × max boost clock) where the CPU model is known; otherwise a measured ceiling, the best matmul of any CPU backend on that CPU in these files, labelled as such. ' +
      'Throughput counts the direct FLOP formula; a share marked “effective” is not a share of arithmetic done: the algorithm (FFT, Winograd) does fewer operations, or the value passes 100%.',
  ];
}

/** Every source the comparison's peaks cite, once each, in first-cited order (numbered from 1). */
export function sourcesOf(cmp: Comparison): Source[] {
  const seen = new Map<string, Source>();
  for (const p of cmp.peaks) for (const src of p.sources) if (!seen.has(src.id)) seen.set(src.id, src);
  return [...seen.values()];
}

/** The citation marks of a peak (`[1]`, `[1][2]`), numbered by `sources`; `measured` when none. */
export function citations(peak: PeakRef, sources: readonly Source[]): { n: number; id: string }[] {
  return peak.sources.map((src) => ({ n: sources.findIndex((s) => s.id === src.id) + 1, id: src.id }));
}

/** What kind of figure a peak is, for the peaks table. */
export function peakKind(peak: PeakRef): string {
  return peak.kind === 'measured' ? 'measured ceiling (not a peak)' : peak.kind === 'arithmetic' ? 'arithmetic peak' : 'datasheet';
}

/** Rows of the peaks table: label, value, kind, note (the source column is added by each renderer). */
export function peakRows(peaks: readonly PeakRef[]): string[][] {
  return peaks.map((p) => [p.label, formatPeak(p.range), peakKind(p), p.note ?? '']);
}

/** Header of the peaks table, aligned with `peakRows` plus the source column. */
export const PEAK_HEADERS = ['peak', 'value', 'kind', 'note', 'source'];

/** Header of the inputs table, aligned with `inputRows`. */
export const INPUT_HEADERS = ['file', 'machine', 'created', 'complete', 'cases'];

/** Rows of the inputs table. */
export function inputRows(cmp: Comparison): string[][] {
  return cmp.inputs.map((i) => [i.name, i.machine, i.created, i.complete ? 'yes' : 'no (interrupted)', String(i.cases)]);
}
