/**
 * Percent of peak: the peak a row is measured against, and whether its percentage is an
 * "effective" one. GPUs use the chip table's datasheet figure for the case's dtype. CPUs use an
 * arithmetic peak where the CPU model is known (chips/cpus.ts), else a measured ceiling: the best
 * matmul FLOP/s any CPU backend reached on that CPU (same thread count) and dtype in the merged
 * files, labelled as a ceiling. Throughput counts the workload's direct FLOP formula; an
 * algorithm that does less arithmetic (FFT, Winograd) can pass 100%, so such rows, and any row
 * above 100%, are flagged "effective" with the reason instead of being shown as a plain share.
 */
import { matchCpu, cpuArithmeticPeak } from './chips/cpus.js';
import { datasheetPeak } from './chips/match.js';
import type { PeakRef } from './chips/types.js';
import type { Dtype } from '../types.js';
import type { Device, MergedRow, Observation, PeakShare } from './types.js';

/** The workload whose best CPU result is a CPU's measured ceiling. */
export const CEILING_WORKLOAD = 'matmul';

/** FLOP/s of a completed observation, if its workload counts FLOPs. */
export function flopRate(o: Observation): number | undefined {
  const median = o.result.status === 'ok' ? o.result.stats?.median_s : undefined;
  const flop = o.result.work.flop;
  const rate = median === undefined || median <= 0 || flop === undefined ? undefined : flop / median;
  return rate !== undefined && Number.isFinite(rate) ? rate : undefined;
}

/** Measured ceilings by `deviceKey|dtype`: best CPU matmul FLOP/s by any CPU backend. */
export function measuredCeilings(observations: readonly Observation[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const o of observations) {
    if (o.device.kind !== 'cpu' || o.result.workload !== CEILING_WORKLOAD) continue;
    const rate = flopRate(o);
    if (rate === undefined) continue;
    const key = `${o.device.key}|${o.result.dtype}`;
    best.set(key, Math.max(best.get(key) ?? 0, rate));
  }
  return best;
}

/** The measured-ceiling peak of a CPU device for a dtype, if some CPU backend ran a matmul on it. */
function measuredPeak(device: Device, dtype: Dtype, ceilings: ReadonlyMap<string, number>): PeakRef | undefined {
  const rate = ceilings.get(`${device.key}|${dtype}`);
  if (rate === undefined) return undefined;
  return {
    range: { low: rate, high: rate },
    kind: 'measured',
    label: `${device.label}, ${dtype} (measured ceiling)`,
    sources: [],
    note: `not a peak: the best ${CEILING_WORKLOAD} ${dtype} throughput of any CPU backend on this CPU in the merged files (the CPU model is not in the arithmetic-peak table)`,
  };
}

/** The peak a row is compared against, or undefined when none is known. */
export function peakFor(device: Device, dtype: Dtype, ceilings: ReadonlyMap<string, number>): PeakRef | undefined {
  if (device.kind === 'cpu') {
    const cpu = device.cpuModel === undefined ? undefined : matchCpu(device.cpuModel);
    if (cpu !== undefined && dtype === 'f32' && device.threads !== undefined) return cpuArithmeticPeak(cpu, device.threads);
    return measuredPeak(device, dtype, ceilings);
  }
  return device.chip === undefined ? undefined : datasheetPeak(device.chip, dtype, device.gpuCores);
}

/** Algorithms that do fewer operations than the direct count the workload's FLOP figure uses. */
const FEWER_OPS = /\b(FFT\w*|WINOGRAD\w*)/i;

/** Why a row's percentage is "effective" (not a share of the arithmetic done), or undefined. */
export function effectiveReason(row: MergedRow, fraction: number, peak: PeakRef): string | undefined {
  const algo = row.algo === undefined ? undefined : FEWER_OPS.exec(row.algo)?.[1];
  if (algo !== undefined) return `effective: ${algo} does fewer operations than the direct count the FLOP/s use`;
  if (!(fraction > 1)) return undefined;
  return peak.kind === 'measured'
    ? 'effective: above the measured ceiling (this case ran faster per nominal FLOP than the best matmul)'
    : 'effective: above the peak, so the library did fewer operations than the direct count the FLOP/s use';
}

/** Percent of peak of a row (FLOP-counting workloads only), or undefined. */
export function shareOf(row: MergedRow, dtype: Dtype, ceilings: ReadonlyMap<string, number>): PeakShare | undefined {
  if (row.rate?.unit !== 'flop') return undefined;
  const peak = peakFor(row.device, dtype, ceilings);
  if (peak === undefined || !(peak.range.low > 0)) return undefined;
  const v = row.rate.value;
  const share: PeakShare = { fraction: { low: v / peak.range.high, high: v / peak.range.low }, peak };
  const effective = effectiveReason(row, share.fraction.high, peak);
  if (effective !== undefined) share.effective = effective;
  return share;
}
