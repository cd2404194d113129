import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runSchedule, type ScheduleOptions } from '../../../src/run/scheduler.js';
import { RunnerClient } from '../../../src/runner/client.js';
import { KILL_GRACE_MS, RunnerProcess } from '../../../src/runner/process.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import type { CaseInstance } from '../../../src/types.js';

const FAKE = fileURLToPath(new URL('../../fixtures/fake-runner.mjs', import.meta.url));

function matmulCase(m: number, backend = 'fake', dtype: 'f32' | 'bf16' = 'f32'): CaseInstance {
  const spec = `matmul m=${m} n=8 k=8 dtype=${dtype}`;
  return {
    key: `${backend}/${spec}`,
    spec,
    backend,
    workload: 'matmul',
    dtype,
    params: { m, n: 8, k: 8, batch: 1, trans_a: false, trans_b: false },
    seed: 1,
    budget: { ...DEFAULT_BUDGET },
    suite: 'test',
  };
}

function options(config: object, extra: Partial<ScheduleOptions> = {}): ScheduleOptions {
  return {
    launches: 1,
    verifySamples: 16,
    timeoutMs: () => 1500,
    client: () =>
      Promise.resolve(new RunnerClient({ backend: 'fake', command: [process.execPath, FAKE, JSON.stringify(config)], env: process.env, helloTimeoutMs: 5000 })),
    ...extra,
  };
}

describe('runSchedule with a fault-injecting runner', () => {
  it('turns samples into per-iteration statistics and throughput', async () => {
    const [r] = await runSchedule([matmulCase(1)], options({ median_ns: { 'm=1 ': 2e6 }, noise: 0 }));
    expect(r?.status).toBe('ok');
    // each sample is 4 iterations of 2 ms → 8 ms per sample, 2 ms per iteration
    expect(r?.stats?.median_s).toBeCloseTo(2e-3, 12);
    expect(r?.throughput?.flop_per_s).toBeCloseTo((2 * 1 * 8 * 8) / 2e-3, 6);
    expect(r?.verify?.passed).toBe(true);
  });

  it.each([
    ['crash', 'crash'],
    ['exit', 'crash'],
    ['hang', 'timeout'],
    ['garbage', 'protocol'],
    ['partial', 'crash'],
    ['wrong-id', 'protocol'],
    ['oom', 'oom'],
    ['nan', 'verify'],
    ['bad-verify', 'verify'],
  ])('a %s fault costs that case only (kind %s), the others still run', async (fault, kind) => {
    const cases = [matmulCase(1), matmulCase(2), matmulCase(3)];
    const results = await runSchedule(cases, options({ faults: { 'm=2 ': fault } }));
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
    expect(results[1]?.error?.kind).toBe(kind);
    expect(results[2]?.stats?.n).toBeGreaterThan(0);
  });

  it('numbers a case the same when it starts and when it finishes, with cases of two backends', async () => {
    const cases = [matmulCase(1, 'a'), matmulCase(1, 'b'), matmulCase(2, 'a'), matmulCase(2, 'b')];
    const started = new Map<string, string>();
    const finished = new Map<string, string>();
    await runSchedule(cases, options({}, {
      client: (backend) =>
        Promise.resolve(new RunnerClient({ backend, command: [process.execPath, FAKE, JSON.stringify({ backend })], env: process.env, helloTimeoutMs: 5000 })),
      events: {
        onCaseStart: (c, i, n) => started.set(c.key, `${i + 1}/${n}`),
        onCase: (r, i, n) => finished.set(r.key, `${i + 1}/${n}`),
      },
    }));
    expect(finished).toEqual(started);
    expect([...started.values()].sort()).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });

  it('keeps the stderr tail of a crashed runner', async () => {
    const [r] = await runSchedule([matmulCase(2)], options({ faults: { 'm=2 ': 'crash' } }));
    expect(r?.error?.stderr_tail).toContain('fake: about to crash');
    expect(r?.error?.message).toContain('SIGSEGV');
  });

  it('settles cases the runner does not list as unsupported without sending them', async () => {
    const [r] = await runSchedule([matmulCase(1, 'fake', 'bf16')], options({}));
    expect(r?.status).toBe('unsupported');
    expect(r?.error?.message).toContain('not bf16');
  });

  it('refuses cases larger than the device memory before running them', async () => {
    const big = { ...matmulCase(1), params: { m: 65536, n: 65536, k: 65536, batch: 1, trans_a: false, trans_b: false } };
    const [r] = await runSchedule([big], options({ memory_bytes: 2 ** 30 }));
    expect(r?.error?.kind).toBe('too-large');
  });

  it('runs every case in K fresh launches and keeps each launch', async () => {
    const results = await runSchedule([matmulCase(1), matmulCase(2)], options({}, { launches: 3 }));
    for (const r of results) {
      expect(r.launches.map((l) => l.index)).toEqual([0, 1, 2]);
      expect(r.stats?.launch_medians_s).toHaveLength(3);
    }
  });

  it('reports a runner that fails its handshake on every case', async () => {
    const results = await runSchedule([matmulCase(1), matmulCase(2)], options({ hello: 'old-protocol' }));
    expect(results.every((r) => r.status === 'failed' && r.error?.kind === 'protocol')).toBe(true);
  });
});

/** True while `pid` is a live process (a zombie waiting to be reaped counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    const r = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
    return r.stdout.trim() !== '' && !r.stdout.trim().startsWith('Z');
  }
}

describe('per-case timeout and process-group kill', () => {
  it('kills a runner that ignores SIGTERM and forked a child that ignores it too, within timeout + grace', async () => {
    const timeoutMs = 1000;
    const t0 = performance.now();
    const results = await runSchedule([matmulCase(1), matmulCase(2), matmulCase(3)], options({ faults: { 'm=2 ': 'stubborn' } }, { timeoutMs: () => timeoutMs }));
    const wallS = (performance.now() - t0) / 1000;
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
    const failed = results[1];
    expect(failed?.error?.kind).toBe('timeout');
    expect(failed?.error?.message).toBe('runner gave no reply within 1.0 s');
    const child = Number(/fake: child pid (\d+)/.exec(failed?.error?.stderr_tail ?? '')?.[1]);
    expect(child).toBeGreaterThan(0);
    // SIGTERM was ignored: only the SIGKILL after the grace period ended the group.
    const elapsed = failed?.launches[0]?.elapsed_s ?? Infinity;
    expect(elapsed).toBeGreaterThanOrEqual((timeoutMs + KILL_GRACE_MS) / 1000 - 0.1);
    expect(elapsed).toBeLessThan((timeoutMs + KILL_GRACE_MS) / 1000 + 2);
    expect(wallS).toBeLessThan((timeoutMs + KILL_GRACE_MS) / 1000 + 10);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(child)).toBe(false);
  }, 30_000);

  it('kills a worker left in the group when the runner itself crashed', async () => {
    const script = "const w = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'inherit' }); console.error('worker ' + w.pid); setTimeout(() => process.exit(9), 300)";
    const proc = new RunnerProcess([process.execPath, '-e', script], process.env);
    expect(await proc.exited).toEqual({ code: 9, signal: null });
    const worker = Number(/worker (\d+)/.exec(proc.stderrTail())?.[1]);
    expect(alive(worker)).toBe(true);
    await proc.kill();
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(worker)).toBe(false);
  }, 20_000);
});

describe('resuming from journaled launches', () => {
  it('runs only the launches a case still lacks and settles cases whose launches are all there', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'mpsbench-sched-')), 'log.txt');
    const first = await runSchedule([matmulCase(1), matmulCase(2)], options({ log }, { launches: 2 }));
    const prior = new Map([
      [matmulCase(1).key, first[0]?.launches ?? []], // both launches: settled without running
      [matmulCase(2).key, (first[1]?.launches ?? []).slice(0, 1)], // launch 0 only
    ]);
    writeFileSync(log, '');
    const again = await runSchedule([matmulCase(1), matmulCase(2)], options({ log }, { launches: 2, prior }));
    expect(readFileSync(log, 'utf8')).toBe(`${matmulCase(2).key}\n`);
    expect(again.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(again[0]?.launches).toEqual(first[0]?.launches);
    expect(again[1]?.launches.map((l) => l.index)).toEqual([0, 1]);
    expect(again[1]?.launches[0]).toEqual(first[1]?.launches[0]);
  }, 30_000);
});

describe('runSchedule interleaving', () => {
  it('runs the sides of each case back to back per launch, in a balanced order, each side in its own process', async () => {
    const variant = (c: CaseInstance, v: string): CaseInstance => ({ ...c, key: `${c.key} @${v}`, variant: v });
    const cases = [matmulCase(1), matmulCase(2)].flatMap((c) => [variant(c, 'a'), variant(c, 'b')]);
    const asked: string[] = [];
    const base = options({ noise: 0 });
    const results = await runSchedule(cases, {
      ...base,
      launches: 4,
      interleaveSeed: 7,
      client: (backend, v) => {
        asked.push(`${backend} @${v ?? ''}`);
        return base.client(backend, v);
      },
    });
    // one fresh process per side and launch
    expect(asked).toHaveLength(2 * 4);
    const bySeq = results.flatMap((r) => r.launches.map((l) => ({ key: r.key, index: l.index, seq: l.seq ?? -1 }))).sort((x, y) => x.seq - y.seq);
    expect(bySeq.map((x) => x.seq)).toEqual([...Array(16).keys()]);
    for (let i = 0; i < 16; i += 2) {
      const [first, second] = [bySeq[i], bySeq[i + 1]];
      expect(first?.index).toBe(second?.index); // same launch index, back to back
      expect(first?.key.replace(/ @.$/, '')).toBe(second?.key.replace(/ @.$/, '')); // same case
    }
    // ABBA: for each case, the side that went first at launch 0 goes second at launch 1
    const firstOf = (spec: string, k: number): string | undefined => bySeq.find((x) => x.index === k && x.key.includes(spec))?.key.slice(-1);
    for (const spec of ['m=1 ', 'm=2 ']) {
      expect(firstOf(spec, 0)).not.toBe(firstOf(spec, 1));
      expect(firstOf(spec, 2)).not.toBe(firstOf(spec, 3));
    }
  });
});

describe('hooks that throw', () => {
  it('never end the run: every case still settles', async () => {
    const boom = (): never => {
      throw new RangeError('toFixed() digits argument must be between 0 and 100');
    };
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const results = await runSchedule([matmulCase(1), matmulCase(2)], options({}, { events: { onCase: boom, onLaunch: boom, onCaseStart: boom, onRunner: boom } }));
      expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(/internal error in the onCase hook, the run goes on: toFixed/);
    } finally {
      write.mockRestore();
    }
  });
});
