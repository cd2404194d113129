/**
 * `mpsbench compare` end to end: result files are produced in the test by the real scheduler
 * driving the protocol-speaking fake runner (test/fixtures/fake-runner.mjs) with chosen medians,
 * then the built CLI compares them as CI would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSchedule } from '../../src/run/scheduler.js';
import type { ResultFile } from '../../src/results/types.js';
import { RunnerClient } from '../../src/runner/client.js';
import { DEFAULT_BUDGET } from '../../src/suite/budget.js';
import type { CaseInstance } from '../../src/types.js';
import { cli, tempDir } from './helpers.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));
const SMALL = fileURLToPath(new URL('../fixtures/results/small.json', import.meta.url));

function matmul(m: number): CaseInstance {
  const spec = `matmul m=${m} n=8 k=8 dtype=f32`;
  const params = { m, n: 8, k: 8, batch: 1, trans_a: false, trans_b: false };
  return { key: `fake/${spec}`, spec, backend: 'fake', workload: 'matmul', dtype: 'f32', params, seed: 1, budget: { ...DEFAULT_BUDGET, min_samples: 10 }, suite: 'e2e' };
}

/** Runs two cases × `launches` on the fake runner (each launch its own seed) into a result file. */
async function produce(path: string, config: object, launches = 6): Promise<void> {
  let seed = 0;
  const client = (): Promise<RunnerClient> => Promise.resolve(new RunnerClient({
    backend: 'fake', command: [process.execPath, FAKE, JSON.stringify({ noise: 0.02, ...config, seed: ++seed })], env: process.env, helloTimeoutMs: 10_000,
  }));
  const results = await runSchedule([matmul(16), matmul(32)], { launches, verifySamples: 16, timeoutMs: () => 10_000, client });
  const env = (JSON.parse(readFileSync(SMALL, 'utf8')) as ResultFile).env;
  const file: ResultFile = { schema: 'mpsbench.result/v1', created: new Date().toISOString(), complete: true, command: ['test'], env, suites: [{ name: 'e2e' }], settings: { launches, budget: {} }, results };
  writeFileSync(path, JSON.stringify(file, null, 2));
}

describe('mpsbench compare', () => {
  const dir = tempDir();
  const at = (name: string): string => join(dir, name);

  beforeAll(async () => {
    await produce(at('base.json'), { median_ns: { 'm=16 ': 1e6, 'm=32 ': 2e6 } });
    await produce(at('same.json'), { median_ns: { 'm=16 ': 1e6, 'm=32 ': 2e6 } });
    await produce(at('slow.json'), { median_ns: { 'm=16 ': 1e6, 'm=32 ': 2.6e6 } });
    await produce(at('crash.json'), { median_ns: { 'm=16 ': 1e6, 'm=32 ': 2e6 }, faults: { 'm=32 ': 'crash' } });
    await produce(at('one.json'), { median_ns: { 'm=16 ': 1e6, 'm=32 ': 2e6 } }, 1);
  });

  it('exits 0 when nothing changed', async () => {
    const r = await cli(['compare', at('base.json'), at('same.json')]);
    expect(r.exitCode, r.stderr).toBe(0);
    // Two sequential runs: the within-run intervals are tight, but a shift between runs is not in
    // them, so ±5% cannot be confirmed against the ±10% default floor.
    expect(r.stdout).toMatch(/^No regression \(sequential runs\): 2 inconclusive/);
    expect(r.stdout).toContain('floor ±10% (default)');
    const tight = await cli(['compare', at('base.json'), at('same.json'), '--run-noise', '1%']);
    expect(tight.stdout).toMatch(/^No regression \(sequential runs\): 2 unchanged/);
  });

  it('exits 1 on a regression and prints a Markdown summary, regressions first', async () => {
    const r = await cli(['compare', at('base.json'), at('slow.json'), '--format', 'md']);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^## mpsbench compare: Regression detected \(sequential runs\): 1 regression, 1 inconclusive/);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    expect(rows[2]).toMatch(/regression .*`fake\/matmul m=32 n=8 k=8 dtype=f32` .*\+30\.0%.*2\.00 ms .*2\.60 ms/);
  });

  it('compares the two variants of one interleaved run, paired, with the same exit codes', async () => {
    const runner = (m32: number): string => `runner.fake=${process.execPath} ${FAKE} '${JSON.stringify({ noise: 0.02, median_ns: { 'm=16 ': 1e6, 'm=32 ': m32 } })}'`;
    const out = at('ab.json');
    const run = await cli(['run', '--case', 'matmul m=16 n=8 k=8 dtype=f32', '--case', 'matmul m=32 n=8 k=8 dtype=f32', '--backend', 'fake', '--launches', '6',
      '--variant', `base:${runner(2e6)}`, '--variant', `head:${runner(2.6e6)}`, '--out', out, '--force']);
    expect(run.exitCode, run.stderr).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(file.settings.variants?.map((v) => v.name)).toEqual(['base', 'head']);
    expect(file.results.map((c) => c.variant)).toEqual(['base', 'head', 'base', 'head']);
    const r = await cli(['compare', out, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { mode: string; cases: { key: string; verdict: string; basis: { mode: string; pairs: number } }[] };
    expect(doc.mode).toBe('interleaved');
    expect(doc.cases.map((c) => [c.key, c.verdict])).toEqual([['fake/matmul m=32 n=8 k=8 dtype=f32', 'regression'], ['fake/matmul m=16 n=8 k=8 dtype=f32', 'unchanged']]);
    expect(doc.cases[0]?.basis).toMatchObject({ mode: 'interleaved', pairs: 6 });
    const back = await cli(['compare', out, '--base', 'head', '--head', 'base']);
    expect(back.exitCode).toBe(0);
    expect(back.stdout).toMatch(/improvement/);
    const bad = await cli(['compare', out, '--base', 'base', '--head', 'nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/not two variants or two backends of this file/);
  });

  it('exits 3 when a case failed on a side', async () => {
    const r = await cli(['compare', at('base.json'), at('crash.json')]);
    expect(r.exitCode, r.stdout).toBe(3);
    expect(r.stdout).toContain('failed');
    expect(r.stderr).toContain('1 case(s) failed on a side');
  });

  it('exits 2 with a clear message when a side has too few launches', async () => {
    const r = await cli(['compare', at('one.json'), at('same.json')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--launches 10');
  });

  it('exits 2 on a missing file, a truncated file and another schema version, in one line', async () => {
    const text = readFileSync(at('base.json'), 'utf8');
    writeFileSync(at('cut.json'), text.slice(0, Math.floor(text.length / 2)));
    writeFileSync(at('v2.json'), text.replace('mpsbench.result/v1', 'mpsbench.result/v2'));
    const missing = await cli(['compare', at('nope.json'), at('same.json')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`error: cannot read ${at('nope.json')}: no such file`);
    const cut = await cli(['compare', at('base.json'), at('cut.json')]);
    expect(cut.exitCode).toBe(2);
    expect(cut.stderr).toMatch(/^error: .*cut\.json:\d+:\d+: the file is truncated/);
    const v2 = await cli(['compare', at('base.json'), at('v2.json')]);
    expect(v2.exitCode).toBe(2);
    expect(v2.stderr).toMatch(/has schema "mpsbench.result\/v2"; this mpsbench reads mpsbench.result\/v1/);
  });

  it('exports gbench JSON with one row per launch', async () => {
    const r = await cli(['export', at('base.json'), '--format', 'gbench']);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      benchmarks: { name: string; repetitions: number; run_type: string; aggregate_name?: string }[];
    };
    // Two cases × six launches as iteration rows, then mean/median/stddev aggregates per case.
    expect(doc.benchmarks.filter((b) => b.run_type === 'iteration')).toHaveLength(12);
    expect(doc.benchmarks.filter((b) => b.run_type === 'aggregate').map((b) => b.aggregate_name).sort()).toEqual(
      ['mean', 'mean', 'median', 'median', 'stddev', 'stddev'],
    );
    expect(doc.benchmarks[0]?.repetitions).toBe(6);
  });
});
