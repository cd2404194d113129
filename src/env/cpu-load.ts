/**
 * How much of the machine other processes used while a case ran: the CPU time of the whole
 * machine (`/proc/stat`, steal included, since a VM's steal is other tenants) minus that of the
 * runner's process group and of mpsbench itself, over the machine's capacity in that interval.
 * Sequential comparisons cannot see load that came and went between two runs (docs/gating.md); this
 * records it per launch so that `compare` can say a run was measured on a busy machine. Linux only
 * (elsewhere, or when /proc cannot be read, there is no figure); resolution one clock tick (10 ms).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, platform } from 'node:os';

/** Clock ticks per second of /proc's figures (USER_HZ, 100 on every Linux that mpsbench meets). */
const TICKS_PER_S = 100;

/** CPU time so far, in clock ticks, and the moment it was read. */
export interface CpuSnapshot {
  /** Busy ticks of the whole machine: user, nice, system, irq, softirq, steal. */
  machine: number;
  /** User + system ticks of the processes in the runner's process group. */
  group: number;
  /** User + system ticks of this process (mpsbench). */
  self: number;
  /** performance.now() at the reading, ms. */
  atMs: number;
}

/** Busy ticks of the machine from the text of /proc/stat; undefined when malformed. */
export function machineBusy(stat: string): number | undefined {
  const line = /^cpu\s+([\d\s]+)$/m.exec(stat)?.[1];
  if (line === undefined) return undefined;
  const f = line.trim().split(/\s+/).map(Number);
  if (f.length < 8 || f.some((x) => !Number.isFinite(x))) return undefined;
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return user + nice + system + irq + softirq + steal;
}

/** Process group and user + system ticks from the text of /proc/PID/stat; undefined when malformed. */
export function processTicks(stat: string): { pgrp: number; ticks: number } | undefined {
  // the command name (field 2) is in parentheses and may hold spaces or parentheses itself
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const pgrp = Number(rest[2]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  return Number.isFinite(pgrp) && Number.isFinite(ticks) ? { pgrp, ticks } : undefined;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Ticks of every process whose group is `pgid` (the runner and anything it started). */
function groupTicks(pgid: number): number {
  let sum = 0;
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const p = processTicks(read(`/proc/${name}/stat`) ?? '');
    if (p !== undefined && p.pgrp === pgid) sum += p.ticks;
  }
  return sum;
}

/** A reading now for the runner process group `pgid`; undefined off Linux or when unreadable. */
export function cpuSnapshot(pgid: number | undefined): CpuSnapshot | undefined {
  if (platform() !== 'linux' || pgid === undefined) return undefined;
  const machine = machineBusy(read('/proc/stat') ?? '');
  if (machine === undefined) return undefined;
  const own = process.cpuUsage();
  return { machine, group: groupTicks(pgid), self: ((own.user + own.system) / 1e6) * TICKS_PER_S, atMs: performance.now() };
}

/**
 * The share (0–1) of the machine's CPU capacity that other processes used between two readings;
 * undefined when the interval is under 5 ticks (too short to say) or a reading is missing.
 */
export function othersShare(a: CpuSnapshot | undefined, b: CpuSnapshot | undefined, cores = availableParallelism()): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const capacity = ((b.atMs - a.atMs) / 1000) * TICKS_PER_S * Math.max(1, cores);
  if (!(capacity >= 5)) return undefined;
  const others = b.machine - a.machine - (b.group - a.group) - (b.self - a.self);
  return Math.round(Math.min(1, Math.max(0, others / capacity)) * 1000) / 1000;
}
