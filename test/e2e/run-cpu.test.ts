import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';
import { cli, tempDir } from './helpers.js';

function readResult(path: string): ResultFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
}

describe('mpsbench run on the native CPU backend', () => {
  beforeAll(async () => {
    const built = await cli(['build', '--backend', 'cpu'], { timeoutMs: 600_000 });
    expect(built.exitCode, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^cpu\t.*mpsbench-runner-cpu$/m);
  });

  it('runs ad-hoc cases of every workload, verified, and writes JSON and Markdown', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const r = await cli([
      'run', '--backend', 'cpu', '--out', out,
      '--case', 'matmul m=96 n=80 k=64 dtype=f32',
      '--case', 'conv2d n=2 c=8 h=12 w=12 k=16 r=3 s=3 stride=1 pad=1 layout=nhwc dtype=f32',
      '--case', 'train model=mlp layers=32,64,10 batch=16 dtype=f32',
      '--case', 'matmul m=64 n=64 k=64 dtype=bf16',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const res = readResult(out);
    expect(res.schema).toBe('mpsbench.result/v1');
    expect(res.complete).toBe(true);
    expect(res.env.runners.cpu?.libraries?.blas).toBeTruthy();
    expect(res.results.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'unsupported']);
    for (const c of res.results.slice(0, 3)) {
      expect(c.verify?.passed).toBe(true);
      expect(c.verify?.max_rel_err).toBeLessThan(1e-4);
      expect(c.stats?.median_s).toBeGreaterThan(0);
      expect(c.launches[0]?.samples_ns?.length).toBeGreaterThanOrEqual(10);
    }
    expect(res.results[0]?.throughput?.flop_per_s).toBeCloseTo((2 * 96 * 80 * 64) / (res.results[0]?.stats?.median_s ?? 1), 0);
    expect(res.results[2]?.throughput?.samples_per_s).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('matmul');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[1/4]');
  });

  it('runs the default suite with no arguments and names the file after the machine', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--machine', 'ci box/1'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'results'));
    const json = files.find((f) => f.endsWith('-ci-box-1.json'));
    expect(json, files.join(',')).toBeDefined();
    expect(files).toContain(json?.replace(/\.json$/, '.md'));
    const res = readResult(join(dir, 'results', json ?? ''));
    const ran = res.results.filter((c) => c.backend === 'cpu' && c.status === 'ok');
    expect(ran.length).toBeGreaterThanOrEqual(5);
    expect(res.results.every((c) => c.status !== 'failed')).toBe(true);
    expect(existsSync(join(dir, 'results', `${json ?? ''}.journal.jsonl`))).toBe(false);
  });

  it('prints the result JSON on stdout with --json and refuses to overwrite without --force', async () => {
    const dir = tempDir();
    const out = join(dir, 'x.json');
    const first = await cli(['run', '--backend', 'cpu', '--case', 'matmul m=32 n=32 k=32', '--out', out, '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as ResultFile).results).toHaveLength(1);
    const again = await cli(['run', '--backend', 'cpu', '--case', 'matmul m=32 n=32 k=32', '--out', out]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('already exists');
    const forced = await cli(['run', '--backend', 'cpu', '--case', 'matmul m=32 n=32 k=32', '--out', out, '--force']);
    expect(forced.exitCode, forced.stderr).toBe(0);
  });

  it('runs a suite file given on the command line', async () => {
    const dir = tempDir();
    const suite = join(dir, 's.yaml');
    writeFileSync(suite, 'name: tiny\ncases:\n  - workload: matmul\n    params: {m: [16, 32], n: 16, k: 16}\n');
    const r = await cli(['run', suite, '--backend', 'cpu', '--out', join(dir, 'o.json')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readResult(join(dir, 'o.json')).results.map((c) => c.spec)).toEqual([
      'matmul m=16 n=16 k=16 dtype=f32',
      'matmul m=32 n=16 k=16 dtype=f32',
    ]);
  });
});
