import { describe, expect, it } from 'vitest';
import { cpuSnapshot, machineBusy, othersShare, processTicks } from '../../../src/env/cpu-load.js';

describe('cpu-load', () => {
  it('reads busy ticks from /proc/stat: user nice system irq softirq steal, not idle or iowait', () => {
    const stat = 'cpu  100 5 20 9000 40 1 2 30 0 0\ncpu0 50 2 10 4500 20 1 1 15 0 0\n';
    expect(machineBusy(stat)).toBe(100 + 5 + 20 + 1 + 2 + 30);
    expect(machineBusy('garbage')).toBeUndefined();
  });

  it('reads a process group and its user + system ticks, whatever the command name holds', () => {
    const stat = '4242 (py thon) (x)) S 1 4200 4200 0 -1 4194304 100 0 0 0 70 8 0 0 20 0 3 0 1234 0';
    expect(processTicks(stat)).toEqual({ pgrp: 4200, ticks: 78 });
  });

  it('gives the share of the capacity others used, bounded to [0, 1], none for too short an interval', () => {
    const a = { machine: 1000, group: 100, self: 10, atMs: 0 };
    // 1 s on 2 cores = 200 ticks of capacity; the machine did 150, the runner 80, mpsbench 10: others 60
    expect(othersShare(a, { machine: 1150, group: 180, self: 20, atMs: 1000 }, 2)).toBe(0.3);
    expect(othersShare(a, { machine: 1000, group: 200, self: 10, atMs: 1000 }, 2)).toBe(0);
    expect(othersShare(a, { machine: 1000, group: 100, self: 10, atMs: 10 }, 2)).toBeUndefined();
    expect(othersShare(a, undefined)).toBeUndefined();
  });

  it('reads this machine when it is Linux', () => {
    const s = cpuSnapshot(process.pid);
    if (process.platform !== 'linux') expect(s).toBeUndefined();
    else expect(s?.machine).toBeGreaterThan(0);
  });
});
