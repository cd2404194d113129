/**
 * Ctrl-C in the middle of a real run, then `--resume`: the partial result file keeps what
 * finished (`complete: false`, unfinished cases `skipped`), the exit code is 130 (143 for
 * SIGTERM), the journal stays, and `mpsbench run --resume JOURNAL` finishes the run without
 * sending finished cases — or finished launches — to the runner again. The fake runner logs every
 * case it is asked to run, which is what proves nothing was repeated.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';
import { BIN, CACHE_DIR, cli, tempDir } from './helpers.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));
const KEY = (m: number): string => `fake/matmul m=${m} n=8 k=8 dtype=f32`;

function readResult(path: string): ResultFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
}

function logLines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/**
 * Starts a run of m=1..4 (m=3 and m=4 slow: 1.5 s each) and sends `signal` once the runner has
 * been asked for `after` cases; returns the paths and the finished process.
 */
async function interrupted(signal: 'SIGINT' | 'SIGTERM', launches: number, after: number): Promise<{ dir: string; out: string; log: string; exitCode: number | undefined; stderr: string }> {
  const dir = tempDir();
  const out = join(dir, 'out', 'r.json');
  const log = join(dir, 'requests.log');
  const config = { faults: { 'm=3 ': 'slow', 'm=4 ': 'slow' }, log };
  const args = [BIN, 'run', '--runner', `fake=${process.execPath} ${FAKE} '${JSON.stringify(config)}'`, '--backend', 'fake', '--launches', String(launches), '--out', 'out/r.json'];
  for (const m of [1, 2, 3, 4]) args.push('--case', `matmul m=${m} n=8 k=8`);
  const child = execa(process.execPath, args, { cwd: dir, env: { NO_COLOR: '1', MPSBENCH_CACHE_DIR: CACHE_DIR }, reject: false, timeout: 120_000 });
  const deadline = Date.now() + 60_000;
  while (logLines(log).length < after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  child.kill(signal);
  const r = await child;
  return { dir, out, log, exitCode: r.exitCode, stderr: r.stderr };
}

describe('interrupting a run and resuming it', () => {
  it('SIGINT keeps finished cases in a partial file (exit 130); --resume finishes without repeating them', async () => {
    // The signal comes while the slow m=3 is in flight: m=1 and m=2 are finished.
    const { dir, out, log, exitCode, stderr } = await interrupted('SIGINT', 1, 3);
    expect(exitCode, stderr).toBe(130);
    expect(stderr).toContain('SIGINT received: stopping the runner and writing what finished');
    expect(stderr).toMatch(/^- \d+ of 4 case\(s\) skipped \(interrupted before they finished\), after \d+:\d\d$/m);
    expect(stderr).not.toMatch(/^- \[\d+\/4\].*interrupted/m);
    const partial = readResult(out);
    expect(partial.complete).toBe(false);
    expect(partial.results.map((c) => [c.key, c.status])).toEqual([
      [KEY(1), 'ok'],
      [KEY(2), 'ok'],
      [KEY(3), 'skipped'],
      [KEY(4), 'skipped'],
    ]);
    expect(partial.results[2]?.error?.kind).toBe('interrupted');
    expect(existsSync(join(dir, 'out', 'r.md'))).toBe(true);
    const journal = `${out}.journal.jsonl`;
    expect(existsSync(journal)).toBe(true);
    expect(stderr).toContain(`finish the run with: mpsbench run --resume out/r.json.journal.jsonl`);
    expect(logLines(log)).toEqual([KEY(1), KEY(2), KEY(3)]);

    // Resume from another directory, with a torn last line as a hard kill would leave.
    appendFileSync(journal, '{"type":"case","record":{"key":"fake/matmul m=3');
    const resumed = await cli(['run', '--resume', journal], { cwd: tempDir() });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('dropped a torn last line');
    expect(resumed.stderr).toMatch(/resuming .*: 2 case\(s\) finished/);
    expect(logLines(log)).toEqual([KEY(1), KEY(2), KEY(3), KEY(3), KEY(4)]);
    const done = readResult(out);
    expect(done.complete).toBe(true);
    expect(done.results.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(done.results.slice(0, 2)).toEqual(partial.results.slice(0, 2)); // kept as measured
    expect(done.created).toBe(partial.created);
    expect(done.command).toEqual(partial.command);
    expect(existsSync(journal)).toBe(false);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['r.json', 'r.md']);
  }, 180_000);

  it('SIGTERM exits 143; --resume reuses finished launches of unfinished cases', async () => {
    // Two launches, launch-major: the signal comes during launch 1 of the slow m=3 (request 7).
    const { out, log, exitCode, stderr } = await interrupted('SIGTERM', 2, 7);
    expect(exitCode, stderr).toBe(143);
    const partial = readResult(out);
    expect(partial.complete).toBe(false);
    expect(partial.results.map((c) => c.status)).toEqual(['ok', 'ok', 'skipped', 'skipped']);
    expect(partial.results[0]?.launches.map((l) => l.index)).toEqual([0, 1]);
    const before = logLines(log);
    expect(before).toEqual([KEY(1), KEY(2), KEY(3), KEY(4), KEY(1), KEY(2), KEY(3)]);

    const resumed = await cli(['run', '--resume', `${out}.journal.jsonl`]);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/2 case\(s\) finished, 2 launch\(es\) of unfinished cases kept/);
    // Only launch 1 of m=3 and m=4 ran again.
    expect(logLines(log)).toEqual([...before, KEY(3), KEY(4)]);
    const done = readResult(out);
    expect(done.complete).toBe(true);
    for (const c of done.results) {
      expect(c.status).toBe('ok');
      expect(c.launches.map((l) => l.index)).toEqual([0, 1]);
      expect(c.stats?.launch_medians_s).toHaveLength(2);
    }
    expect(done.results[2]?.launches[0]).toEqual(partial.results[2]?.launches[0]);
  }, 180_000);

  it('refuses --resume with run arguments, a missing journal, or a file that is not a journal', async () => {
    const dir = tempDir();
    const conflict = await cli(['run', '--resume', 'x.json.journal.jsonl', '--case', 'matmul m=1 n=1 k=1', '--launches', '3'], { cwd: dir });
    expect(conflict.exitCode).toBe(2);
    expect(conflict.stderr).toMatch(/^error: --resume takes the run's arguments from the journal; drop --case, --launches$/m);
    const missing = await cli(['run', '--resume', 'gone.json.journal.jsonl'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read journal .*gone\.json\.journal\.jsonl: no such file$/m);
    const wrong = await cli(['run', '--resume', 'r.json'], { cwd: dir });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/^error: --resume needs a journal \(<out>\.json\.journal\.jsonl\), got r\.json$/m);
  }, 60_000);
});
