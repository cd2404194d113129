/**
 * Reliability round two (issue 13): the faults an adversarial probe found, one block per class,
 * through the real CLI with the fault-injecting runner. Each fault costs one case at most, never the
 * run: the other cases are ok, the run exits 3 (or 2 for bad input) with one line, never a stack.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';
import { alive, CASES, FAKE, loggedPids, readResult, runnerArg, runWithFault } from './fake.js';
import { BIN, CACHE_DIR, cli, tempDir } from './helpers.js';

const SMALL = fileURLToPath(new URL('../fixtures/results/small.json', import.meta.url));
const NO_STACK = /\n\s+at |node:internal|TypeError|RangeError/;
const strays: number[] = [];
afterAll(() => {
  for (const pid of strays) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** Waits until `check` holds (polling), up to `ms`. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** Exit code of the same report/compare command on the intact fixture (compare exits 3: it holds a failed case). */
async function sameAsSmall(args: string[]): Promise<number | undefined> {
  return (await cli(args[0] === 'report' ? ['report', SMALL] : ['compare', SMALL, SMALL])).exitCode;
}

/** Expects one fault on m=2 to cost that case only, with `kind` and a message matching `message`. */
async function expectOneFailed(fault: string, kind: string, message: RegExp, extra: object = {}): Promise<void> {
  const { res, exitCode, stderr } = await runWithFault(fault, 5, extra, 60_000);
  expect(stderr).not.toMatch(NO_STACK);
  expect(exitCode, stderr).toBe(3);
  expect(res.results.map((c) => c.status)).toEqual(['ok', 'failed', 'ok']);
  expect(res.results[1]?.error?.kind).toBe(kind);
  expect(res.results[1]?.error?.message).toMatch(message);
}

describe('class 1: absurd but finite numbers cost their case only', () => {
  it.each([
    ['huge-sample', /samples_ns holds 1e\+308 ns; a sample must lie in \[1 ns, 8\.64e\+13 ns\]/],
    ['tiny-sample', /samples_ns holds 1e-300 ns; a sample must lie in/],
    ['inf-sample', /samples_ns holds Infinity ns/],
    ['huge-ips', /iters_per_sample is 1e\+300; it must be an integer from 1 to 1e\+9/],
  ])('%s is that case\'s protocol fault', async (fault, message) => {
    await expectOneFailed(fault, 'protocol', message);
  }, 120_000);

  it('report renders a result file whose median is 1e300 s without throwing', async () => {
    const dir = tempDir();
    const doc = JSON.parse(readFileSync(SMALL, 'utf8')) as { results: { stats?: { median_s: number } }[] };
    for (const r of doc.results) if (r.stats) r.stats.median_s = 1e300;
    writeFileSync(join(dir, 'huge.json'), JSON.stringify(doc));
    for (const args of [['report', join(dir, 'huge.json')], ['compare', join(dir, 'huge.json'), SMALL]]) {
      const r = await cli(args, { cwd: dir });
      expect(r.stderr, args[0]).not.toMatch(NO_STACK);
      expect(r.exitCode, r.stderr).toBe(await sameAsSmall(args));
    }
  }, 120_000);
});

describe('class 2: a grandchild that leaves the group and keeps stdout open', () => {
  it('does not keep mpsbench from exiting', async () => {
    const dir = tempDir();
    const pidlog = join(dir, 'pids');
    const { res, exitCode, wallS } = await runWithFault('setsid', 5, { pidlog }, 40_000);
    strays.push(...loggedPids(pidlog).filter((p) => p.role === 'grandchild').map((p) => p.pid));
    expect(exitCode).toBe(0);
    expect(res.results.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(wallS).toBeLessThan(30);
  }, 120_000);
});

describe('class 3: output paths that are not regular files', () => {
  const args = (dir: string, extra: string[]): string[] => ['run', '--runner', runnerArg({ pidlog: join(dir, 'pids') }), '--backend', 'fake', '--case', 'matmul m=1 n=8 k=8', ...extra];

  it('refuses a FIFO (a device node stand-in) as --out and --md even with --force, before anything runs', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    for (const flags of [['--out', join(dir, 'fifo')], ['--out', join(dir, 'r.json'), '--md', join(dir, 'fifo')]]) {
      const r = await cli(args(dir, [...flags, '--force']), { cwd: dir });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^error: .*fifo is not a regular file; refusing to replace it/m);
      expect(statSync(join(dir, 'fifo')).isFIFO()).toBe(true);
      expect(loggedPids(join(dir, 'pids'))).toEqual([]);
    }
  }, 120_000);

  it('refuses a directory --out before anything runs', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'd.json'));
    const r = await cli(args(dir, ['--out', join(dir, 'd.json'), '--force']), { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: .*d\.json is a directory/m);
    expect(loggedPids(join(dir, 'pids'))).toEqual([]);
  }, 120_000);

  it('never writes the journal through a symlink, dangling or (with --force) to a real file', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    symlinkSync(join(dir, 'target'), `${out}.journal.jsonl`);
    const dangling = await cli(args(dir, ['--out', out]), { cwd: dir });
    expect(dangling.exitCode).toBe(2);
    expect(existsSync(join(dir, 'target'))).toBe(false);
    writeFileSync(join(dir, 'target'), 'precious\n');
    const forced = await cli(args(dir, ['--out', out, '--force']), { cwd: dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('precious\n');
  }, 120_000);
});

describe('class 4: a hung handshake', () => {
  it('costs one handshake deadline for the backend, bounded by --timeout, not one per case', async () => {
    const dir = tempDir();
    const pidlog = join(dir, 'pids');
    const { res, exitCode, wallS } = await runWithFault('none', 2, { hello: 'hang', pidlog }, 40_000);
    expect(exitCode).toBe(3);
    expect(res.results.map((c) => c.error?.kind)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(res.results[2]?.error?.message).toMatch(/no reply within 2\.0 s during the hello handshake/);
    expect(loggedPids(pidlog).filter((p) => p.role === 'runner')).toHaveLength(1);
    expect(wallS).toBeLessThan(20);
  }, 120_000);
});

describe('class 5: a second Ctrl-C', () => {
  it('kills the live runner group (workers that ignore SIGTERM) before exiting', async () => {
    const dir = tempDir();
    const pidlog = join(dir, 'pids');
    const child = spawn(process.execPath, [BIN, 'run', '--runner', runnerArg({ faults: { 'm=1 ': 'stubborn' }, pidlog }), '--backend', 'fake', '--case', 'matmul m=1 n=8 k=8', '--out', join(dir, 'r.json')], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', MPSBENCH_CACHE_DIR: CACHE_DIR }, stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code, sig) => r(code ?? (sig ? 128 : null))));
    expect(await until(() => loggedPids(pidlog).some((p) => p.role === 'child'), 20_000)).toBe(true);
    const pids = loggedPids(pidlog).map((p) => p.pid);
    strays.push(...pids);
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    await exited;
    expect(await until(() => pids.every((p) => !alive(p)), 1000)).toBe(true);
  }, 120_000);
});

describe('class 6: memory driven by runner output', () => {
  it('refuses a reply with more samples than the budget allows', async () => {
    await expectOneFailed('many-samples', 'protocol', /sent 100000 samples; the budget allows at most 1000/);
  }, 120_000);
});

describe('class 8: names that are Object.prototype members', () => {
  it('refuses --runner constructor=… with the suites\' reserved-name rule', async () => {
    const r = await cli(['run', '--runner', runnerArg({}, 'constructor')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: --runner name "constructor" is a reserved JavaScript name; choose another name$/m);
  });

  it('compare and report read env.runners members named __proto__ and constructor', async () => {
    const dir = tempDir();
    const text = readFileSync(SMALL, 'utf8');
    const doc = JSON.parse(text) as { env: { runners: Record<string, unknown> } };
    const hello = Object.values(doc.env.runners)[0];
    const hostile = JSON.stringify(doc).replace('"runners":{', `"runners":{"__proto__":${JSON.stringify(hello)},"constructor":${JSON.stringify(hello)},`);
    writeFileSync(join(dir, 'h.json'), hostile);
    for (const args of [['compare', join(dir, 'h.json'), SMALL], ['compare', SMALL, join(dir, 'h.json')], ['report', join(dir, 'h.json')]]) {
      const r = await cli(args, { cwd: dir });
      expect(r.stderr, args.join(' ')).not.toMatch(NO_STACK);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(await sameAsSmall(args));
    }
  }, 120_000);
});

describe('class 9: smaller faults', () => {
  it('a reply sent twice is that case\'s fault, never the next case\'s', async () => {
    await expectOneFailed('double', 'protocol', /runner sent another line after its reply/);
  }, 120_000);

  it('a duplicate that arrives later is skipped and reported; the next case still runs', async () => {
    const { res, exitCode, stderr } = await runWithFault('late-double', 5, {}, 60_000);
    expect(exitCode, stderr).toBe(0);
    expect(res.results.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(stderr).toMatch(/warning: the fake runner sent 1 line nobody asked for/);
  }, 120_000);

  it('a duplicate on the backend\'s last case is noticed', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--runner', runnerArg({ faults: { 'm=3 ': 'late-double' } }), '--backend', 'fake', ...CASES, '--out', join(dir, 'r.json')], { cwd: dir });
    expect(r.stderr).toMatch(/warning: the fake runner sent 1 line nobody asked for/);
  }, 120_000);

  it('a negative max_rel_err is a protocol fault, not a pass', async () => {
    await expectOneFailed('neg-err', 'protocol', /verify\.max_rel_err is -1/);
  }, 120_000);

  it('checked: 0 says nothing was checked', async () => {
    await expectOneFailed('unchecked', 'verify', /verification failed: the runner checked no output elements \(checked: 0\)/);
  }, 120_000);

  it('control bytes from a runner reach neither the terminal, the JSON nor the Markdown', async () => {
    for (const fault of ['ctrl-crash', 'ctrl-error']) {
      const { res, stderr, dir } = await runWithFault(fault, 5, { device_name: 'Dev\u001b[2J\u0000ice' }, 60_000);
      const md = readFileSync(join(dir, 'r.md'), 'utf8');
      // (command lines hold the configuration's escaped text, typed by the user: they are left out)
      const json = JSON.stringify(res, (k, v: unknown) => (k === 'command' ? undefined : v));
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      for (const text of [stderr, md, json]) expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(json).not.toMatch(/\\u001b|\\u0000|\\u0007/);
    }
  }, 120_000);

  it('when the Markdown cannot be written, --json still prints the data and the error names the journal', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const r = await cli(['run', '--runner', runnerArg({}), '--backend', 'fake', '--case', 'matmul m=1 n=8 k=8', '--out', out, '--md', join(dir, `${'m'.repeat(245)}.md`), '--json'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect((JSON.parse(r.stdout) as ResultFile).results[0]?.status).toBe('ok');
    expect(r.stderr).toMatch(/error: cannot write .*\.md: /);
    expect(r.stderr).toMatch(/mpsbench run --resume .*r\.json\.journal\.jsonl/);
    expect(existsSync(`${out}.journal.jsonl`)).toBe(true);
  }, 120_000);

  it('an explicitly named --runner whose command does not exist is an error', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--runner', runnerArg({}), '--runner', 'typo=./no-such-runner', '--backend', 'fake,typo', '--case', 'matmul m=1 n=8 k=8', '--out', join(dir, 'r.json')], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: backend typo cannot start: .*no-such-runner does not exist/m);
  }, 120_000);

  /** A copy of the fake runner as backend `gone` that hangs on m=2 (deleted later to make the backend unavailable). */
  function goneRunner(): { dir: string; pidlog: string; copy: string; gone: string; out: string } {
    const dir = tempDir();
    const pidlog = join(dir, 'pids');
    const copy = join(dir, 'gone.mjs');
    copyFileSync(FAKE, copy);
    chmodSync(copy, 0o755);
    return { dir, pidlog, copy, gone: `gone=${copy} '${JSON.stringify({ faults: { 'm=2 ': 'hang' }, pidlog })}'`, out: join(dir, 'r.json') };
  }

  it('run --resume after a backend became unavailable keeps its cases unfinished and exits 3', async () => {
    const { dir, pidlog, copy, gone, out } = goneRunner();
    const child = spawn(process.execPath, [BIN, 'run', '--runner', runnerArg({}), '--runner', gone, '--backend', 'fake,gone', '--case', 'matmul m=2 n=8 k=8', '--out', out], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', MPSBENCH_CACHE_DIR: CACHE_DIR }, stdio: 'ignore',
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    expect(await until(() => loggedPids(pidlog).length > 0, 20_000)).toBe(true);
    child.kill('SIGINT');
    await exited;
    rmSync(copy);
    const r = await cli(['run', '--resume', `${out}.journal.jsonl`], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(3);
    const res = readResult(out);
    expect(res.complete).toBe(false);
    const lost = res.results.find((c) => c.backend === 'gone');
    expect(lost?.status).toBe('skipped');
    expect(lost?.error?.message).toMatch(/gone is not available: .*gone\.mjs does not exist/);
    expect(existsSync(`${out}.journal.jsonl`)).toBe(true);
  }, 120_000);

  it('run --resume of an interleaved A/B run keeps the variants of an unavailable backend (H200, 2026-12-02)', async () => {
    const { dir, copy, gone, out } = goneRunner();
    const child = spawn(process.execPath, [BIN, 'run', '--runner', gone, '--backend', 'gone', '--case', 'matmul m=1 n=8 k=8', '--case', 'matmul m=2 n=8 k=8',
      '--variant', 'a:env.X=1', '--variant', 'b:env.X=2', '--launches', '1', '--out', out], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', MPSBENCH_CACHE_DIR: CACHE_DIR }, stdio: 'ignore',
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    expect(await until(() => existsSync(`${out}.journal.jsonl`) && readFileSync(`${out}.journal.jsonl`, 'utf8').includes('"type":"case"'), 30_000)).toBe(true);
    child.kill('SIGINT');
    await exited;
    rmSync(copy);
    const r = await cli(['run', '--resume', `${out}.journal.jsonl`], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(3);
    const keys = readResult(out).results.map((c) => [c.key, c.status]);
    // Every key carries its variant; none is the bare case a plan without variants would make.
    expect(keys.every(([k]) => / @[ab]$/.test(k ?? ''))).toBe(true);
    expect(keys.filter(([, st]) => st === 'ok').length).toBeGreaterThan(0);
    expect(keys.filter(([k, st]) => st === 'skipped' && k?.includes('m=2 ')).length).toBe(2);
  }, 120_000);

  it('a timeout keeps what the runner printed on SIGTERM in its stderr tail', async () => {
    const { res } = await runWithFault('term-message', 1, {}, 60_000);
    expect(res.results[1]?.error?.kind).toBe('timeout');
    expect(res.results[1]?.error?.stderr_tail).toContain('fake: SIGTERM received, state dumped');
  }, 120_000);
});

describe('class 10: mpsbench itself SIGKILLed', () => {
  /** Pid of the child of `parent` whose executable (argv[0]) is named `name` (not a build tool naming it), if any. */
  function childNamed(parent: number, name: string): number | undefined {
    const r = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
    const line = r.stdout.split('\n').find((l) => (l.trim().split(/\s+/)[1] ?? '').endsWith(`/${name}`));
    return line === undefined ? undefined : Number(line.trim().split(/\s+/)[0]);
  }

  it('the native runner, busy in a long case, notices its dead parent and exits', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [BIN, 'run', '--backend', 'cpu', '--case', 'matmul m=64 n=64 k=64', '--min-time', '60', '--max-time', '120', '--out', join(dir, 'r.json')], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', MPSBENCH_CACHE_DIR: CACHE_DIR }, stdio: 'ignore',
    });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    let runner: number | undefined;
    expect(await until(() => (runner = childNamed(child.pid ?? 0, 'mpsbench-runner-cpu')) !== undefined, 240_000)).toBe(true);
    strays.push(runner ?? 0);
    await new Promise((r) => setTimeout(r, 1000)); // past the handshake, inside the timing loop
    child.kill('SIGKILL');
    await exited;
    expect(await until(() => !alive(runner ?? 0), 4000)).toBe(true);
  }, 300_000);
});
