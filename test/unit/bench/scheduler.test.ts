import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSchedule, type ScheduleOptions } from '../../../src/bench/scheduler.js';
import { RunnerClient } from '../../../src/runner/client.js';
import { DEFAULT_BUDGET } from '../../../src/suite/budget.js';
import type { CaseInstance } from '../../../src/suite/types.js';

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
