/**
 * The roofline position of a merged row: its arithmetic intensity (FLOP per byte, from the
 * workload definition's FLOP and minimum-traffic byte counts, the one definition of intensity),
 * the chip's compute roof for the case's dtype (the peak `peaks.ts` picks) and its bandwidth
 * roof: the datasheet figure where the chip table knows the chip, else the best `bandwidth`
 * workload result (copy or triad) measured on that device in the same report input, else none.
 * A case is bound by whichever roof is lower at its intensity; its share is achieved / that roof.
 * Copy cases do no arithmetic: they are placed by their achieved bytes/s against the bandwidth
 * roof. Hostile numbers (NaN, zero, negative, infinite) give no position, never a throw.
 */
import type { WorkRecord } from '../results/types.js';
import { DTYPES, type Dtype } from '../types.js';
import { peakFor } from './peaks.js';
import type { BandwidthRoof, Device, Observation, RoofPosition } from './types.js';

export type { BandwidthRoof, RoofPosition } from './types.js';

/** The workload whose best bytes/s is a device's measured bandwidth roof. */
export const BANDWIDTH_WORKLOAD = 'bandwidth';



/** A positive finite number, else undefined. */
function positive(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
}

/** Arithmetic intensity of one iteration's work, FLOP/byte: 0 when it does no arithmetic, undefined without a byte count. */
export function intensityOf(work: WorkRecord | undefined): number | undefined {
  const bytes = positive(work?.bytes);
  if (bytes === undefined) return undefined;
  const flop = work?.flop;
  if (flop === undefined || flop === 0) return 0;
  const i = positive(flop) === undefined ? undefined : flop / bytes;
  return i !== undefined && Number.isFinite(i) ? i : undefined;
}

/** Best measured `bandwidth` bytes/s per device key, over every completed observation. */
export function measuredBandwidths(observations: readonly Observation[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const o of observations) {
    if (o.result.workload !== BANDWIDTH_WORKLOAD || o.result.status !== 'ok') continue;
    const median = positive(o.result.stats?.median_s);
    const bytes = positive(o.result.work.bytes);
    if (median === undefined || bytes === undefined) continue;
    const rate = positive(bytes / median);
    if (rate !== undefined) best.set(o.device.key, Math.max(best.get(o.device.key) ?? 0, rate));
  }
  return best;
}

/** The datasheet bandwidth of a device's chip configuration (exact core count, or one figure shared by all). */
function datasheetBandwidth(device: Device): number | undefined {
  const chip = device.chip;
  if (chip === undefined) return undefined;
  const exact = chip.configs.find((c) => c.gpuCores === undefined || c.gpuCores === device.gpuCores);
  if (exact !== undefined) return positive(exact.bandwidth);
  const all = [...new Set(chip.configs.map((c) => c.bandwidth))];
  return all.length === 1 ? positive(all[0]) : undefined;
}

/** The bandwidth roof of a device: datasheet, else measured in these files, else undefined. */
export function bandwidthRoof(device: Device, measured: ReadonlyMap<string, number>): BandwidthRoof | undefined {
  const sheet = datasheetBandwidth(device);
  if (sheet !== undefined && device.chip !== undefined) return { value: sheet, kind: 'datasheet', label: `${device.chip.name} datasheet` };
  const m = positive(measured.get(device.key));
  return m === undefined ? undefined : { value: m, kind: 'measured', label: `measured: best ${BANDWIDTH_WORKLOAD} result on this device` };
}

/** The compute roof (FLOP/s) of a device for a dtype; only the known dtypes are looked up. */
function computeRoof(device: Device, dtype: string, ceilings: ReadonlyMap<string, number>): number | undefined {
  if (!DTYPES.includes(dtype as Dtype)) return undefined;
  return positive(peakFor(device, dtype as Dtype, ceilings)?.range.high);
}

/** Which roof binds at an intensity, and the share of it achieved. */
export function boundBy(p: Pick<RoofPosition, 'intensity' | 'flops' | 'bytesPerS' | 'compute' | 'bandwidth'>): Pick<RoofPosition, 'bound' | 'fraction' | 'missing'> {
  const bw = p.bandwidth?.value;
  if (p.intensity === 0) return bw === undefined ? { missing: 'no bandwidth roof' } : { bound: 'memory', fraction: p.bytesPerS / bw };
  if (p.compute === undefined) return { missing: 'no compute roof' };
  if (bw === undefined) return { missing: 'no bandwidth roof' };
  const memory = bw * p.intensity;
  return memory < p.compute ? { bound: 'memory', fraction: p.flops / memory } : { bound: 'compute', fraction: p.flops / p.compute };
}

/** The roofline position of a row with median time `median` of a case with `work`, or undefined. */
export function roofPosition(
  device: Device,
  dtype: string,
  work: WorkRecord | undefined,
  median: number | undefined,
  ceilings: ReadonlyMap<string, number>,
  measured: ReadonlyMap<string, number>,
): RoofPosition | undefined {
  const intensity = intensityOf(work);
  const t = positive(median);
  const bytes = positive(work?.bytes);
  if (intensity === undefined || t === undefined || bytes === undefined) return undefined;
  const bytesPerS = positive(bytes / t);
  if (bytesPerS === undefined) return undefined;
  const pos: RoofPosition = { intensity, flops: bytesPerS * intensity, bytesPerS };
  const compute = computeRoof(device, dtype, ceilings);
  if (compute !== undefined) pos.compute = compute;
  const bandwidth = bandwidthRoof(device, measured);
  if (bandwidth !== undefined) pos.bandwidth = bandwidth;
  const b = boundBy(pos);
  if (b.bound !== undefined) pos.bound = b.bound;
  if (b.fraction !== undefined && Number.isFinite(b.fraction)) pos.fraction = b.fraction;
  if (b.missing !== undefined) pos.missing = b.missing;
  return pos;
}
