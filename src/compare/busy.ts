/**
 * A sequential comparison of runs measured on a busy machine: the load that other processes put
 * on the CPUs while a run's launches ran (`launches[].host_load`, src/env/cpu-load.ts) slows
 * that run and not the other, which no statistic inside either run sees. On the shared 2-core VM
 * such load made A/A pairs of sequential runs fail the gate (docs/gating.md "Real runs"), so
 * a sequential verdict with a busy side is `inconclusive`, saying which side and how busy.
 * Interleaved runs need no such rule: the load falls on both launches of a pair.
 */
import type { CaseResult } from '../results/types.js';
import { formatPercent } from '../render/units.js';
import { median } from '../stats/quantile.js';

/** Above this share of the machine used by others (median over a side's launches), a side is busy. */
export const BUSY_LIMIT = 0.25;

/**
 * Above this share even paired launches seconds apart say nothing: on the 2-core VM, with others
 * using 70–85% of the CPUs, one variant's launch medians of the MLP step ranged over 13.7–177 ms
 * and an interleaved A/A pair of the suite failed the gate (docs/gating.md "Real runs").
 */
export const SATURATED_LIMIT = 0.5;

/** Median `host_load` of a side's good launches; undefined when none recorded one. */
export function sideLoad(r: CaseResult): number | undefined {
  const xs = (Array.isArray(r.launches) ? r.launches : [])
    .filter((l) => l.ok === true)
    .map((l) => l.host_load)
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1);
  return xs.length === 0 ? undefined : median(xs);
}

/** Both sides' loads, as the verdict's basis records them (absent where unknown). */
export interface SideLoads {
  baseline?: number;
  current?: number;
}

/** The loads of both sides. */
export function sideLoads(b: CaseResult, c: CaseResult): SideLoads {
  const baseline = sideLoad(b);
  const current = sideLoad(c);
  return { ...(baseline !== undefined ? { baseline } : {}), ...(current !== undefined ? { current } : {}) };
}

/**
 * Why a verdict cannot stand, or undefined: a sequential side above BUSY_LIMIT, or (any mode) a
 * side above SATURATED_LIMIT.
 */
export function busyReason(loads: SideLoads, sequential = true): string | undefined {
  const limit = sequential ? BUSY_LIMIT : SATURATED_LIMIT;
  const busy = (['baseline', 'current'] as const).filter((s) => (loads[s] ?? 0) > limit);
  if (busy.length === 0) return undefined;
  const what = busy.map((s) => `the ${s} side (${formatPercent(loads[s] ?? 0, 0)} of the CPUs)`).join(' and ');
  return sequential
    ? `other processes loaded the machine during ${what}, which two sequential runs cannot tell from a change; rerun interleaved (one run with --variant) or on a quiet machine`
    : `other processes saturated the machine during ${what}: its timings say nothing about the code; rerun on a quieter machine`;
}
