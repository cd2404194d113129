/**
 * Percent of peak: the peak a row is measured against. GPUs use the chip table's datasheet
 * figure for the case's dtype; CPUs have no datasheet figure that applies to a given BLAS and
 * thread count, so their peak is a measured ceiling: the best matmul FLOP/s the native `cpu`
 * backend reached on that CPU (same thread count) and dtype anywhere in the merged files.
 */
import { datasheetPeak } from './chips/match.js';
import type { PeakRef } from './chips/types.js';
import type { Dtype } from '../types.js';
import type { Device, MergedRow, Observation, PeakShare } from './types.js';

/** The backend and workload whose best result is a CPU's measured ceiling. */
export const CEILING_BACKEND = 'cpu';
export const CEILING_WORKLOAD = 'matmul';

/** FLOP/s of a completed observation, if its workload counts FLOPs. */
export function flopRate(o: Observation): number | undefined {
  const median = o.result.status === 'ok' ? o.result.stats?.median_s : undefined;
  const flop = o.result.work.flop;
  return median === undefined || median <= 0 || flop === undefined ? undefined : flop / median;
}

/** Measured ceilings by `deviceKey|dtype`: best cpu-backend matmul FLOP/s. */
export function measuredCeilings(observations: readonly Observation[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const o of observations) {
    if (o.device.kind !== 'cpu' || o.result.backend !== CEILING_BACKEND || o.result.workload !== CEILING_WORKLOAD) continue;
    const rate = flopRate(o);
    if (rate === undefined) continue;
    const key = `${o.device.key}|${o.result.dtype}`;
    best.set(key, Math.max(best.get(key) ?? 0, rate));
  }
  return best;
}

/** The measured-ceiling peak of a CPU device for a dtype, if its cpu backend ran a matmul. */
function measuredPeak(device: Device, dtype: Dtype, ceilings: ReadonlyMap<string, number>): PeakRef | undefined {
  const rate = ceilings.get(`${device.key}|${dtype}`);
  if (rate === undefined) return undefined;
  return {
    range: { low: rate, high: rate },
    kind: 'measured',
    label: `${device.label}, ${dtype} (measured ceiling)`,
    source: `measured: best \`${CEILING_BACKEND}\` ${CEILING_WORKLOAD} ${dtype} throughput on this CPU in the merged result files`,
  };
}

/** The peak a row is compared against, or undefined when none is known. */
export function peakFor(device: Device, dtype: Dtype, ceilings: ReadonlyMap<string, number>): PeakRef | undefined {
  if (device.kind === 'cpu') return measuredPeak(device, dtype, ceilings);
  return device.chip === undefined ? undefined : datasheetPeak(device.chip, dtype, device.gpuCores);
}

/** Percent of peak of a row (FLOP-counting workloads only), or undefined. */
export function shareOf(row: MergedRow, dtype: Dtype, ceilings: ReadonlyMap<string, number>): PeakShare | undefined {
  if (row.rate?.unit !== 'flop') return undefined;
  const peak = peakFor(row.device, dtype, ceilings);
  if (peak === undefined || peak.range.low <= 0) return undefined;
  const v = row.rate.value;
  return { fraction: { low: v / peak.range.high, high: v / peak.range.low }, peak };
}
