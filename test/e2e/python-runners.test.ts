import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';
import { cli, tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TORCH_RUNNER = join(ROOT, 'runners/torch/runner.py');
const EXAMPLE = join(ROOT, 'runners/example/runner.py');
const FAKE = join(ROOT, 'test/fixtures/fake-runner.mjs');
const SYSTEM_PYTHON = '/usr/bin/python3';

function hasTorch(): boolean {
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 120_000 });
    return true;
  } catch {
    return false;
  }
}
const torchHere = hasTorch();
if (!torchHere) console.warn(`skipping torch-cpu e2e tests: ${SYSTEM_PYTHON} cannot import torch (apt-get install python3-torch)`);

const QUICK = 'budget: { warmup_s: 0.02, min_time_s: 0.05, max_time_s: 0.3, rel_ci: 0.05 }\n';

describe.skipIf(!torchHere)('torch-cpu end to end, on the shared Python runner core (needs python3-torch in /usr/bin/python3)', () => {
  it('generates the protocol.md §4 test vectors, scalar and vectorised', () => {
    const rows = JSON.parse(execFileSync(SYSTEM_PYTHON, [TORCH_RUNNER, '--vectors'], { encoding: 'utf8' })) as Record<string, unknown>[];
    const table: [number, number, string, number][] = [
      [1, 0, '077CA23776407269', -7897950], [1, 1, '5BDE7A3C07235958', -2367878], [1, 1000, 'F98E27D8875F64DA', 7966247],
      [2, 0, 'FCFE2B4E8E5E5BD5', 8191531], [2, 1, '5DBF6B12769405E3', -2244757], [2, 1000, '3ED5DEED80925EC4', -4270626],
    ];
    expect(rows.map((r) => [r.stream, r.i, r.bits, (r.value as number) * 2 ** 23])).toEqual(table);
    for (const r of rows) {
      expect(r.bits_tensor).toBe(r.bits);
      expect(r.value_tensor).toBe(r.value);
    }
  });

  it('runs every workload verified and records torch, python and threads', async () => {
    const dir = tempDir();
    const suite = join(dir, 'torch.yaml');
    writeFileSync(suite, `name: torch-e2e\n${QUICK}cases:\n` +
      '  - { workload: matmul, dtype: [f32, bf16], params: { m: 96, n: 80, k: 64, batch: 2, trans_b: true } }\n' +
      '  - { workload: conv2d, params: { n: 2, c: 8, h: 12, w: 12, k: 16, r: 3, s: 3, stride: 2, pad: 1, groups: 2, layout: [nchw, nhwc] } }\n' +
      '  - { workload: train, params: { layers: [32, 64, 48, 10], batch: 16 } }\n');
    const out = join(dir, 'r.json');
    const r = await cli(['run', suite, '--backend', 'torch-cpu', '--python', SYSTEM_PYTHON, '--threads', '1', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(res.results.map((c) => [c.spec.split(' ')[0], c.status])).toEqual([
      ['matmul', 'ok'], ['matmul', 'ok'], ['conv2d', 'ok'], ['conv2d', 'ok'], ['train', 'ok'],
    ]);
    for (const c of res.results) expect(c.verify?.passed, c.key).toBe(true);
    const hello = res.env.runners['torch-cpu'];
    expect(hello?.libraries?.torch).toMatch(/^\d+\.\d+/);
    expect(hello?.libraries?.python).toMatch(/^3\./);
    expect(hello?.device.threads).toBe(1);
    expect(hello?.command?.[0]).toBe(SYSTEM_PYTHON);
  });

  it('lists torch-cpu as available and says which python', async () => {
    const r = await cli(['list', '--python', SYSTEM_PYTHON]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/torch-cpu\s+available/);
    expect(r.stdout).toContain(`python: ${SYSTEM_PYTHON}`);
  });

  it('passes check-runner', async () => {
    const r = await cli(['check-runner', '--backend', 'torch-cpu', '--python', SYSTEM_PYTHON]);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+run train f32/);
    // One check per workload and protocol rule: the count grows with the workloads, a failure does not pass.
    expect(r.stdout).toMatch(/all \d+ checks passed/);
    expect(r.stdout).not.toMatch(/^FAIL/m);
  });
});

function imports(module: string): boolean {
  for (const python of ['python3', SYSTEM_PYTHON]) {
    try {
      execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 120_000, cwd: '/' });
      return true;
    } catch {
      // try the next interpreter
    }
  }
  return false;
}

describe('framework backends that cannot run here', () => {
  const missing = (['jax', 'mlx.core', 'tensorflow'] as const).filter((m) => !imports(m));

  it.skipIf(missing.length === 0)('are listed as unavailable with the reason, naming the interpreters tried', async () => {
    const r = await cli(['list', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout) as { backends: { name: string; available: boolean; reason?: string; description: string }[] };
    const prefix: Record<string, string> = { jax: 'jax-', 'mlx.core': 'mlx-', tensorflow: 'tf-' };
    for (const m of missing) {
      const rows = listing.backends.filter((b) => b.name.startsWith(prefix[m] ?? '?'));
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const b of rows) {
        expect(b.available, b.name).toBe(false);
        expect(b.reason, b.name).toMatch(new RegExp(`no python with ${m.replace('.', '\\.')}|needs macOS`));
      }
    }
    for (const b of listing.backends.filter((x) => /^(mlx|tf)-/.test(x.name))) expect(b.description).toContain('unverified');
  });

  it.skipIf(imports('tensorflow'))('leave a claim suite running on the rest, with the claim reported as not measured', async () => {
    const dir = tempDir();
    const suite = join(dir, 'claim.yaml');
    writeFileSync(suite, `name: claim\n${QUICK}backends: [tf-gpu, tf-cpu, cpu]\n` +
      'claims:\n  - { text: "TF on the GPU trains up to 8x faster", speedup: 8, backend: tf-gpu, baseline: tf-cpu, workload: train }\n' +
      'cases:\n  - { workload: train, params: { layers: [32, 16, 10], batch: 8 } }\n');
    const out = join(dir, 'r.json');
    const r = await cli(['run', suite, '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: backend tf-gpu skipped: .*no python with tensorflow/);
    const res = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(res.results.map((c) => [c.backend, c.status])).toEqual([['cpu', 'ok']]);
    expect(res.suites[0]?.claims?.[0]?.speedup).toBe(8);
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md).toContain('**Claim:** “TF on the GPU trains up to 8x faster”: up to 8.00×, `tf-gpu` over `tf-cpu`, train cases.');
    expect(md).toContain('**Measured:** nothing');
  });
});

describe('custom runners', () => {
  it('runs the example runner through --runner', async () => {
    const dir = tempDir();
    const out = join(dir, 'ex.json');
    const r = await cli(['run', '--runner', `example=python3 ${EXAMPLE}`, '--backend', 'example', '--case', 'matmul m=8 n=6 k=5 trans_a=true', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    expect(res.results[0]?.status).toBe('ok');
    expect(res.results[0]?.verify?.passed).toBe(true);
    expect(res.env.runners.example?.command).toEqual(['python3', EXAMPLE]);
  });

  it('refuses a runner named in a suite file without --allow-custom-runners', async () => {
    const dir = tempDir();
    const suite = join(dir, 's.yaml');
    writeFileSync(suite, `name: s\n${QUICK}runners:\n  mine: [python3, ${EXAMPLE}]\ncases:\n  - workload: matmul\n    params: {m: 8, n: 8, k: 8}\n`);
    const refused = await cli(['run', suite, '--out', join(dir, 'a.json')]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`${suite}:4:3:`);
    expect(refused.stderr).toContain('--allow-custom-runners');
    const allowed = await cli(['run', suite, '--backend', 'mine', '--allow-custom-runners', '--out', join(dir, 'b.json')]);
    expect(allowed.exitCode, allowed.stderr).toBe(0);
  });

  it('check-runner passes the example and fails a runner that sends garbage', async () => {
    const ok = await cli(['check-runner', '--', 'python3', EXAMPLE]);
    expect(ok.exitCode, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/PASS\s+EOF → exit 0/);
    const bad = await cli(['check-runner', '--', process.execPath, FAKE, '{"faults":{"matmul":"garbage"}}']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stdout).toMatch(/FAIL\s+run matmul f32\s+runner sent a line that is not JSON/);
  });
});
