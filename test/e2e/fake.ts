/**
 * Driving mpsbench with the fault-injecting runner (test/fixtures/fake-runner.mjs): the `--runner`
 * argument for a configuration, three cases with one fault on the middle one, and process checks.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultFile } from '../../src/results/types.js';
import { cli, tempDir } from './helpers.js';

/** The fake runner's script. */
export const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));
/** Three small matmul cases; faults are keyed on `m=2 `. */
export const CASES = ['matmul m=1 n=8 k=8', 'matmul m=2 n=8 k=8', 'matmul m=3 n=8 k=8'].flatMap((c) => ['--case', c]);

/** `--runner fake=…` for a fake-runner configuration (quoted as a shell would). */
export function runnerArg(config: object, name = 'fake'): string {
  return `${name}=${process.execPath} ${FAKE} '${JSON.stringify(config)}'`;
}

/** Parses a result file. */
export function readResult(path: string): ResultFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
}

/** True while `pid` is a live process (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const r = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return r.stdout.trim() !== '' && !r.stdout.trim().startsWith('Z');
}

/** Pids the fake runner logged (`pidlog`), by role. */
export function loggedPids(file: string): { role: string; pid: number }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.trim().split('\n').filter((l) => l !== '').map((l) => {
    const [role = '', pid = '0'] = l.split(' ');
    return { role, pid: Number(pid) };
  });
}

/** What `runWithFault` saw. */
export interface FaultRun {
  res: ResultFile;
  exitCode: number | undefined;
  stderr: string;
  wallS: number;
  dir: string;
}

/** Runs three cases with `fault` on m=2; returns the result, the CLI output and the wall time. */
export async function runWithFault(fault: string, timeoutS: number, extra: object = {}, cliTimeoutMs = 120_000): Promise<FaultRun> {
  const dir = tempDir();
  const out = join(dir, 'r.json');
  const t0 = performance.now();
  const r = await cli(['run', '--runner', runnerArg({ faults: { 'm=2 ': fault }, ...extra }), '--backend', 'fake', ...CASES, '--out', out, '--timeout', String(timeoutS)], { cwd: dir, timeoutMs: cliTimeoutMs });
  const wallS = (performance.now() - t0) / 1000;
  return { res: readResult(out), exitCode: r.exitCode, stderr: r.stderr, wallS, dir };
}
