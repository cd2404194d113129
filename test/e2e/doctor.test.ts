/**
 * `mpsbench doctor` through the real CLI: it passes on the real cpu and torch-cpu runners, and it
 * fails (exit 3) on a fault-injecting runner speaking the real protocol that returns wrong numbers,
 * crashes, or reports device times longer than the host wall time of the same samples.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/report.js';
import { cli, tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));

function torchHere(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore', timeout: 120_000 });
    return true;
  } catch {
    return false;
  }
}

function fake(config: object): string {
  return `fake=${process.execPath} ${FAKE} '${JSON.stringify(config)}'`;
}

async function doctor(args: string[]): Promise<{ exitCode: number | undefined; stderr: string; text: string; report: DoctorReport }> {
  const dir = tempDir();
  const out = join(dir, 'doctor.json');
  const r = await cli(['doctor', ...args, '--out', out], { cwd: dir, timeoutMs: 300_000 });
  const text = readFileSync(out, 'utf8');
  return { exitCode: r.exitCode, stderr: r.stderr, text, report: JSON.parse(text) as DoctorReport };
}

describe('mpsbench doctor', () => {
  const backends = torchHere() ? 'cpu,torch-cpu' : 'cpu';
  it(`passes on ${backends} and writes a report without personal paths`, async () => {
    const r = await doctor(['--backend', backends]);
    expect(r.stderr).toMatch(/PASS {2}cpu/);
    expect(r.exitCode).toBe(0);
    expect(r.report.verdict).toBe('pass');
    for (const b of r.report.backends) {
      expect(b.outcome).toBe('pass');
      expect(b.hello?.backend).toBe(b.backend);
      expect(b.cases.some((c) => c.key.includes('/train ') && c.outcome === 'pass')).toBe(true);
    }
    for (const secret of [ROOT.replace(/\/$/, ''), homedir(), hostname()]) expect(r.text).not.toContain(secret);
  }, 300_000);

  it('fails with exit 3 on a runner that returns wrong numbers or crashes, with the stderr tail in the report', async () => {
    const r = await doctor(['--runner', fake({ faults: { 'dtype=f16': 'bad-verify', conv2d: 'crash' } }), '--backend', 'fake']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/FAIL {2}fake/);
    expect(r.stderr).toMatch(/matmul f16: verify: verification failed: error 5\.00e-1 exceeds the f16 tolerance/);
    expect(r.stderr).toMatch(/conv2d f32: crash: runner was killed by SIGSEGV \(stderr: fake: about to crash\)/);
    const b = r.report.backends.find((x) => x.backend === 'fake');
    expect(b?.outcome).toBe('fail');
    expect(b?.cases.find((c) => c.key.includes('/conv2d '))?.error?.stderr_tail).toContain('fake: about to crash');
    expect(b?.cases.find((c) => c.key.includes('/matmul ') && c.key.endsWith('dtype=f32'))?.outcome).toBe('pass');
  }, 120_000);

  it('checks the timer: device time beyond the host wall time fails, within it passes', async () => {
    const over = await doctor(['--runner', fake({ device_timer: 'over-wall' }), '--backend', 'fake']);
    expect(over.exitCode).toBe(3);
    expect(over.stderr).toMatch(/exceeds the host wall time of the same sample/);
    const ok = await doctor(['--runner', fake({ device_timer: 'ok', encode_ratio: 0.3 }), '--backend', 'fake']);
    expect(ok.stderr).toMatch(/PASS {2}fake/);
    expect(ok.exitCode).toBe(0);
  }, 120_000);

  it('fails when a backend asked for by name is unavailable here', async () => {
    const r = await doctor(['--backend', 'mps']);
    expect(r.exitCode).toBe(3);
    expect(r.report.backends[0]).toMatchObject({ backend: 'mps', outcome: 'unavailable' });
  }, 120_000);
});
