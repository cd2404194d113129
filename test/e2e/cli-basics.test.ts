import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

describe('mpsbench command line', () => {
  it('prints help with the exit codes and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toMatch(/run \[options\] \[suites\.\.\.\]/);
  });

  it.each([
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['run', '--launches', '0'], /--launches must be a positive integer, got "0"/],
    [['run', '--backend', 'gpu9'], /unknown backend "gpu9"/],
    [['run', '--case', 'matmul m=-1 n=2 k=2'], /m=-1: m must be a positive integer, got -1/],
    [['run', '--case', 'nosuch m=1'], /nosuch/],
    [['run', 'no-such-suite'], /no-such-suite/],
    [['validate'], /missing required argument/],
    [['compile'], /unknown command 'compile'/],
  ])('refuses %j with one clear line and exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  });

  it('reports a bad suite with file:line:col', async () => {
    const dir = tempDir();
    const suite = join(dir, 'bad.yaml');
    writeFileSync(suite, 'name: bad\ncases:\n  - workload: matmul\n    params: {m: 4, n: 4, k: 4, q: 1}\n');
    for (const cmd of [['validate', suite], ['run', suite]]) {
      const r = await cli(cmd);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${suite}:4:`);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    }
  });

  it('refuses a directory and an empty file as suites', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'd.yaml'));
    writeFileSync(join(dir, 'empty.yaml'), '');
    for (const f of ['d.yaml', 'empty.yaml']) {
      const r = await cli(['validate', join(dir, f)]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(f);
    }
  });

  it('validates the shipped suites', async () => {
    const r = await cli(['validate', 'default', 'full']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/suite "default"/);
  });

  it('lists suites, workloads and backends with reasons', async () => {
    const r = await cli(['list', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { backends: { name: string; available: boolean; reason?: string }[]; workloads: { name: string }[]; suites: { name: string }[] };
    expect(list.backends.find((b) => b.name === 'cpu')?.available).toBe(true);
    const mps = list.backends.find((b) => b.name === 'mps');
    if (process.platform !== 'darwin') expect(mps?.reason).toMatch(/macOS/);
    expect(list.workloads.map((w) => w.name)).toEqual(['matmul', 'conv2d', 'train', 'attention', 'bandwidth', 'infer']);
    expect(list.suites.map((s) => s.name)).toContain('default');
    const human = await cli(['list']);
    expect(human.stdout).toContain('unavailable');
  });

  it('prints the environment as JSON', async () => {
    const r = await cli(['env', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const env = JSON.parse(r.stdout) as { host: { cpu: { model: string } }; tool: { version: string } };
    expect(env.host.cpu.model).toBeTruthy();
    expect(env.tool.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
