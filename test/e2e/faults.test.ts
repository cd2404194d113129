/**
 * Runner faults through the real CLI: `mpsbench run --runner fake="node fake-runner.mjs {…}"`
 * with one fault injected into the middle case of three. Each fault must cost that case only: the
 * other two are present and correct, the failed one carries its error kind (and stderr tail), the
 * exit code is 3 and the wall time is bounded by the timeout. Also the process-group kill of a
 * runner whose forked child ignores SIGTERM, and output-path safety.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, readResult, runnerArg, runWithFault } from './fake.js';
import { cli, tempDir } from './helpers.js';

describe('runner faults through mpsbench run --runner', () => {
  it.each([
    // fault, kind, message, stderr tail
    ['crash', 'crash', /runner was killed by SIGSEGV/, 'fake: about to crash'],
    ['exit', 'crash', /runner exited with status 7/, 'fake: exiting 7'],
    ['hang', 'timeout', /runner gave no reply within 2\.0 s/, 'fake: hanging'],
    ['garbage', 'protocol', /runner sent a line that is not JSON: this is not json/, undefined],
    ['partial', 'crash', /runner exited with status 0/, undefined],
    ['wrong-id', 'protocol', /runner answered id \d+ while id \d+ was pending/, undefined],
    ['oom', 'oom', /out of memory \(fake\)/, undefined],
    ['bad-verify', 'verify', /verification failed: error 5\.00e-1 exceeds the f32 tolerance/, undefined],
  ])('%s costs that case only (kind %s), exit 3, wall time bounded', async (fault, kind, message, tail) => {
    const timeoutS = 2;
    const { res, exitCode, stderr, wallS, dir } = await runWithFault(fault, timeoutS);
    expect(exitCode, stderr).toBe(3);
    expect(res.complete).toBe(true);
    expect(res.results.map((c) => c.status)).toEqual(['ok', 'failed', 'ok']);
    for (const ok of [res.results[0], res.results[2]]) {
      expect(ok?.verify?.passed).toBe(true);
      expect(ok?.stats?.median_s).toBeCloseTo(1e-3, 4); // the fake's default 1 ms per iteration
      expect(ok?.stats?.n).toBeGreaterThanOrEqual(10);
    }
    const failed = res.results[1];
    expect(failed?.error?.kind).toBe(kind);
    expect(failed?.error?.message).toMatch(message);
    if (tail !== undefined) expect(failed?.error?.stderr_tail).toContain(tail);
    expect(stderr).toMatch(new RegExp(`✗ \\[2/3\\] fake matmul m=2 .* failed \\(${kind}\\)`));
    // Bounded: one timeout (hang only) + kill grace + startup, far below the default timeout.
    expect(wallS).toBeLessThan(timeoutS + 2 + 25);
    if (fault === 'hang') expect(failed?.launches[0]?.elapsed_s).toBeLessThan(timeoutS + 2 + 1.5);
    // Nothing but the result, its Markdown (and no journal) in the output directory.
    expect(readdirSync(dir).sort()).toEqual(['r.json', 'r.md']);
  }, 120_000);

  it('kills the whole process group of a runner whose forked child ignores SIGTERM', async () => {
    const timeoutS = 1;
    const { res, exitCode, wallS } = await runWithFault('stubborn', timeoutS);
    expect(exitCode).toBe(3);
    expect(res.results.map((c) => c.status)).toEqual(['ok', 'failed', 'ok']);
    const failed = res.results[1];
    expect(failed?.error?.kind).toBe('timeout');
    const child = Number(/fake: child pid (\d+)/.exec(failed?.error?.stderr_tail ?? '')?.[1]);
    expect(child).toBeGreaterThan(0);
    expect(alive(child)).toBe(false);
    // SIGTERM was ignored, so only the SIGKILL after the 2 s grace ended it: timeout + grace.
    expect(failed?.launches[0]?.elapsed_s).toBeGreaterThanOrEqual(timeoutS + 2 - 0.1);
    expect(failed?.launches[0]?.elapsed_s).toBeLessThan(timeoutS + 2 + 1.5);
    expect(wallS).toBeLessThan(timeoutS + 2 + 25);
  }, 120_000);

  it('records a runner that crashes in its handshake against every case, exit 3', async () => {
    const { res, exitCode } = await runWithFault('none', 5, { hello: 'crash' });
    expect(exitCode).toBe(3);
    expect(res.results.every((c) => c.status === 'failed' && c.error?.kind === 'crash')).toBe(true);
    expect(res.results[0]?.error?.message).toMatch(/killed by SIGSEGV during the hello handshake/);
  }, 120_000);

  it('refuses a case too large for the memory the runner reports, naming the case and the limit', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const r = await cli(['run', '--runner', runnerArg({ memory_bytes: 2 ** 30 }), '--backend', 'fake', '--case', 'matmul m=1 n=8 k=8', '--case', 'matmul m=65536 n=65536 k=65536', '--out', out], { cwd: dir });
    expect(r.exitCode).toBe(3);
    const res = readResult(out);
    expect(res.results.map((c) => c.status)).toEqual(['ok', 'failed']);
    expect(res.results[1]?.error?.kind).toBe('too-large');
    expect(res.results[1]?.error?.message).toBe('matmul m=65536 n=65536 k=65536 dtype=f32 needs about 48.00 GiB, more than the 1.00 GiB Fake Device reports');
    expect(res.results[1]?.launches[0]?.samples_ns).toBeUndefined();
  }, 120_000);
});

describe('output paths', () => {
  it('sanitises the machine name in the default file name and writes nothing outside the results directory', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--runner', runnerArg({}), '--backend', 'fake', '--case', 'matmul m=1 n=8 k=8', '--machine', '../../Jürgen’s laptop/'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['results']);
    const files = readdirSync(join(dir, 'results')).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{8}T\d{6}Z-Jurgen-s-laptop\.json$/);
    expect(files[1]).toMatch(/^\d{8}T\d{6}Z-Jurgen-s-laptop\.md$/);
    expect(readResult(join(dir, 'results', files[0] ?? '')).env.machine).toBe('Jurgen-s-laptop');
  }, 120_000);

  it('never overwrites --out without --force, and never starts over on an interrupted run\'s journal', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const args = ['run', '--runner', runnerArg({}), '--backend', 'fake', '--case', 'matmul m=1 n=8 k=8', '--out', out];
    expect((await cli(args, { cwd: dir })).exitCode).toBe(0);
    const before = readFileSync(out, 'utf8');
    const again = await cli(args, { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toBe(`error: ${out} already exists\n  hint: pass --force to overwrite it, or choose another --out`);
    expect(readFileSync(out, 'utf8')).toBe(before);
    writeFileSync(`${out}.journal.jsonl`, '{"type":"header"}\n');
    const journal = await cli(args, { cwd: dir });
    expect(journal.exitCode).toBe(2);
    expect(journal.stderr).toMatch(/^error: .*r\.json\.journal\.jsonl exists: an earlier run to this output was interrupted\n {2}hint: finish it with "mpsbench run --resume /);
    const forced = await cli([...args, '--force'], { cwd: dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(existsSync(`${out}.journal.jsonl`)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['r.json', 'r.md']);
  }, 120_000);
});
