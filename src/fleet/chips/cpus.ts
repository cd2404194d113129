/**
 * CPU arithmetic peaks: cores × SIMD f32 lanes × FMA units × 2 × max boost clock, for the CPU
 * models this table knows. The max boost clock makes it an upper bound (all-core and AVX-512
 * clocks are lower), so a percentage against it errs low, never above 100% for a direct count.
 * A CPU the table does not know (a VM's "AMD EPYC") gets no arithmetic peak; `peaks.ts` then
 * falls back to a measured ceiling, labelled as such.
 */
import { CPU_VENDOR_PAGES } from './sources.js';
import type { PeakRef } from './types.js';

/** One CPU model: physical cores, f32 FLOP per core per cycle (lanes × FMA units × 2), GHz. */
export interface CpuSpec {
  name: string;
  match: RegExp;
  cores: number;
  flopPerCycle: number;
  boostGHz: number;
}

/** Known CPUs (Zen 3/4 run AVX2 or AVX-512 as 2 × 256-bit FMA: 32 f32 FLOP/cycle; Sapphire Rapids 2 × 512-bit: 64). */
export const CPUS: readonly CpuSpec[] = [
  { name: 'AMD EPYC 7763', match: /\bEPYC\s+7763\b/i, cores: 64, flopPerCycle: 32, boostGHz: 3.5 },
  { name: 'AMD EPYC 9654', match: /\bEPYC\s+9654\b/i, cores: 96, flopPerCycle: 32, boostGHz: 3.7 },
  { name: 'AMD Ryzen 9 7950X', match: /\bRyzen\s+9\s+7950X\b/i, cores: 16, flopPerCycle: 32, boostGHz: 5.7 },
  { name: 'Intel Xeon Platinum 8480+', match: /\bPlatinum\s+8480\+/i, cores: 56, flopPerCycle: 64, boostGHz: 3.8 },
];

/** The table row a host CPU model names, or undefined. */
export function matchCpu(model: string): CpuSpec | undefined {
  return CPUS.find((c) => c.match.test(model));
}

/** The f32 arithmetic peak of `threads` threads of `cpu` (capped at its physical cores). */
export function cpuArithmeticPeak(cpu: CpuSpec, threads: number): PeakRef {
  const cores = Math.max(1, Math.min(cpu.cores, Math.floor(threads)));
  const value = cores * cpu.flopPerCycle * cpu.boostGHz * 1e9;
  return {
    range: { low: value, high: value },
    kind: 'arithmetic',
    label: `${cpu.name}, ${cores} core${cores === 1 ? '' : 's'} × ${cpu.flopPerCycle} f32 FLOP/cycle × ${cpu.boostGHz} GHz`,
    sources: [CPU_VENDOR_PAGES],
    note: 'max boost clock: an upper bound, so percentages err low',
  };
}
