/** One-line summary of a finished case for progress output: time and throughput, or why not. */
import type { CaseResult } from '../results/types.js';
import { formatDuration, formatFlops, formatSamplesRate } from '../render/units.js';

/** `12.3 ms  1.40 TFLOP/s`, or `failed (timeout): runner gave no reply…`. */
export function formatResultBrief(r: CaseResult): string {
  if (r.status !== 'ok' || !r.stats) {
    const kind = r.error && r.error.kind !== r.status ? ` (${r.error.kind})` : '';
    return `${r.status}${kind}${r.error ? `: ${r.error.message}` : ''}`;
  }
  const t = r.throughput;
  const rate = t?.samples_per_s !== undefined ? formatSamplesRate(t.samples_per_s) : t?.flop_per_s !== undefined ? formatFlops(t.flop_per_s) : '';
  return `${formatDuration(r.stats.median_s)}  ${rate}`.trimEnd();
}
