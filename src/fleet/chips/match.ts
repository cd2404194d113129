/**
 * Maps the device names runners and drivers report ("NVIDIA H100 80GB HBM3", "Apple M2 Max",
 * "NVIDIA A100-SXM4-40GB") to rows of the chip table, and picks a row's peak for a dtype. Names
 * that could mean several parts with different peaks (H100 NVL, H200 NVL, A100 PCIe, a bare
 * "NVIDIA H100") match nothing: no percent of peak beats a wrong one.
 */
import type { Dtype } from '../../types.js';
import { APPLE_CHIPS } from './apple.js';
import { NVIDIA_CHIPS } from './nvidia.js';
import type { ChipConfig, ChipSpec, PeakRange, PeakRef } from './types.js';

/** Every row of the chip table: Apple M1–M4, then NVIDIA datacenter GPUs. */
export const CHIPS: readonly ChipSpec[] = [...APPLE_CHIPS, ...NVIDIA_CHIPS];

/** The chip-table row with this id (throws on an unknown id: ids are compile-time constants). */
function byId(id: string): ChipSpec {
  const chip = CHIPS.find((c) => c.id === id);
  if (chip === undefined) throw new Error(`no chip ${id}`);
  return chip;
}

/** Apple chip from names such as "Apple M2 Max" or "apple m3 pro (gpu)". */
function matchApple(name: string): ChipSpec | undefined {
  const m = /\bM([1-4])(?:\s+(Pro|Max|Ultra))?\b/i.exec(name);
  if (m === null || !/apple/i.test(name)) return undefined;
  const tier = m[2] === undefined ? '' : `-${m[2].toLowerCase()}`;
  return CHIPS.find((c) => c.id === `apple-m${m[1]}${tier}`);
}

/** NVIDIA chip from `nvidia-smi` / CUDA device names. */
function matchNvidia(name: string): ChipSpec | undefined {
  const n = name.toUpperCase().replace(/[-_]/g, ' ');
  if (/\bNVL\b/.test(n)) return undefined;
  if (/\bH200\b/.test(n)) return byId('nvidia-h200');
  if (/\bH100\b/.test(n)) {
    if (/PCIE/.test(n)) return byId('nvidia-h100-pcie');
    if (/SXM|HBM3/.test(n)) return byId('nvidia-h100-sxm');
    return undefined;
  }
  if (/\bA100\b/.test(n) && /SXM/.test(n)) {
    if (/80\s*GB/.test(n)) return byId('nvidia-a100-sxm-80gb');
    if (/40\s*GB/.test(n)) return byId('nvidia-a100-sxm-40gb');
  }
  return undefined;
}

/** The chip-table row a device name refers to, or undefined when it is unknown or ambiguous. */
export function matchChip(deviceName: string): ChipSpec | undefined {
  return matchApple(deviceName) ?? matchNvidia(deviceName);
}

/** Scales a range by a factor (peak is proportional to GPU cores at a fixed clock). */
function scale(r: PeakRange, f: number): PeakRange {
  return { low: r.low * f, high: r.high * f };
}

/**
 * The configuration for `gpuCores`: an exact match; else, when the count is known, the first
 * configuration scaled by cores (peak = cores × 128 × 2 × clock); else the span of all of them.
 */
function configFor(chip: ChipSpec, gpuCores: number | undefined, dtype: Dtype): { peak: PeakRange; how: string } | undefined {
  const withDtype = chip.configs.filter((c): c is ChipConfig & { peaks: Record<Dtype, PeakRange> } => c.peaks[dtype] !== undefined);
  const exact = withDtype.find((c) => c.gpuCores === undefined || c.gpuCores === gpuCores);
  if (exact !== undefined) return { peak: exact.peaks[dtype], how: coresText(exact.gpuCores) };
  const first = withDtype[0];
  if (first === undefined) return undefined;
  if (gpuCores !== undefined && first.gpuCores !== undefined) {
    return { peak: scale(first.peaks[dtype], gpuCores / first.gpuCores), how: `${gpuCores}-core GPU, scaled by core count` };
  }
  const lows = withDtype.map((c) => c.peaks[dtype].low);
  const highs = withDtype.map((c) => c.peaks[dtype].high);
  return { peak: { low: Math.min(...lows), high: Math.max(...highs) }, how: 'GPU core count unknown: span of all configurations' };
}

function coresText(cores: number | undefined): string {
  return cores === undefined ? '' : `${cores}-core GPU`;
}

const DTYPE_LABEL: Record<Dtype, string> = { f32: 'FP32', tf32: 'TF32 tensor', f16: 'FP16', bf16: 'BF16' };

/** The datasheet peak of `chip` for `dtype` (and GPU core count on Apple), or undefined. */
export function datasheetPeak(chip: ChipSpec, dtype: Dtype, gpuCores?: number): PeakRef | undefined {
  const found = configFor(chip, gpuCores, dtype);
  if (found === undefined) return undefined;
  const dense = chip.vendor === 'nvidia' && dtype !== 'f32' ? 'dense ' : '';
  const parts = [chip.name, found.how, `${dense}${DTYPE_LABEL[dtype]}`].filter((p) => p !== '');
  const ref: PeakRef = { range: found.peak, kind: 'datasheet', label: parts.join(', '), sources: chip.sources };
  if (chip.note !== undefined) ref.note = chip.note;
  return ref;
}
