/**
 * The timing models end to end (issue 19): a real tiny case on the native cpu runner in both models
 * through the CLI (the runner's echo, one iteration per isolated sample, the keys), `--timing` over
 * a suite, a bad `--timing`, and an isolated case on a runner that echoes no timing (the protocol
 * fake runner, as an older or custom runner would be) failing alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';
import { cli, tempDir } from './helpers.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));
const QUICK = ['--min-time', '0.02', '--max-time', '0.1'];

function readResult(path: string): ResultFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
}

describe('timing models through the CLI', () => {
  beforeAll(async () => {
    const built = await cli(['build', '--backend', 'cpu'], { timeoutMs: 600_000 });
    expect(built.exitCode, built.stderr).toBe(0);
  });

  it('runs one case streamed and isolated on cpu: echoed, keyed, one iteration per isolated sample', async () => {
    const out = join(tempDir(), 'r.json');
    const r = await cli(['run', '--backend', 'cpu', '--out', out, ...QUICK,
      '--case', 'matmul m=16 n=16 k=16 dtype=f32', '--case', 'matmul m=16 n=16 k=16 dtype=f32 timing=isolated']);
    expect(r.exitCode, r.stderr).toBe(0);
    const [streamed, isolated] = readResult(out).results;
    expect(streamed?.key).toBe('cpu/matmul m=16 n=16 k=16 dtype=f32');
    expect(isolated?.key).toBe('cpu/matmul m=16 n=16 k=16 dtype=f32 timing=isolated');
    expect([streamed?.timing, isolated?.timing]).toEqual(['streamed', 'isolated']);
    expect([streamed?.status, isolated?.status]).toEqual(['ok', 'ok']);
    expect(streamed?.launches[0]?.timing).toBe('streamed');  // the runner's echo
    expect(isolated?.launches[0]?.timing).toBe('isolated');
    expect(streamed?.launches[0]?.iters_per_sample).toBeGreaterThan(1);
    expect(isolated?.launches[0]?.iters_per_sample).toBe(1);
  });

  it('--timing overrides the suite (infer defaults to isolated, so its key names streamed); a bad value exits 2', async () => {
    const out = join(tempDir(), 'r.json');
    const r = await cli(['run', '--backend', 'cpu', '--out', out, ...QUICK, '--timing', 'streamed', '--case', 'infer layers=8,4 dtype=f32']);
    expect(r.exitCode, r.stderr).toBe(0);
    const c = readResult(out).results[0];
    expect(c?.key).toBe('cpu/infer layers=8,4 dtype=f32 timing=streamed');
    expect(c?.launches[0]?.timing).toBe('streamed');
    const bad = await cli(['run', '--backend', 'cpu', '--timing', 'fast', '--case', 'matmul m=16 n=16 k=16']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--timing must be streamed or isolated, got "fast"');
  });

  it('an isolated case on a runner that echoes no timing fails alone; its streamed case runs', async () => {
    const out = join(tempDir(), 'r.json');
    const r = await cli(['run', '--backend', 'fake', '--runner', `fake=${process.execPath} ${FAKE} '{}'`, '--out', out,
      '--case', 'matmul m=16 n=16 k=16 dtype=f32', '--case', 'matmul m=16 n=16 k=16 dtype=f32 timing=isolated']);
    expect(r.exitCode, r.stderr).toBe(0);  // unsupported, as a case the backend lacks: the run goes on
    expect(r.stderr).toContain('does not implement the isolated timing model');
    const [streamed, isolated] = readResult(out).results;
    expect(streamed?.status).toBe('ok');
    expect(isolated?.status).toBe('unsupported');
    expect(isolated?.error?.message).toMatch(/does not implement the isolated timing model/);
  });
});
