/** One-line summary of a finished case for progress output: time and throughput, or why not. */
import type { CaseResult } from '../results/types.js';
import { formatDuration, NONE } from '../render/units.js';
import { throughputText } from '../reporters/table.js';

/** `12.3 ms  1.40 TFLOP/s`, or `failed (timeout): runner gave no reply…`. */
export function formatResultBrief(r: CaseResult): string {
  if (r.status !== 'ok' || !r.stats) {
    const kind = r.error && r.error.kind !== r.status ? ` (${r.error.kind})` : '';
    return `${r.status}${kind}${r.error ? `: ${r.error.message}` : ''}`;
  }
  const text = throughputText(r);
  const rate = text === NONE ? '' : text;
  return `${formatDuration(r.stats.median_s)}  ${rate}`.trimEnd();
}
