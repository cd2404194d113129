/** Spawns the built CLI (dist/) the way a user would, with colour off and a shared runner cache. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The bin shim, as `npx mpsbench` runs it. */
export const BIN = fileURLToPath(new URL('../../bin/mpsbench.js', import.meta.url));

/** Cache shared by every e2e test so the native runner is built once per test run. */
export const CACHE_DIR = join(tmpdir(), 'mpsbench-e2e-cache');

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mpsbench-e2e-'));
}

/** What a CLI invocation produced. */
export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs `mpsbench <args>` in `cwd`; never throws on a non-zero exit. */
export async function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: { NO_COLOR: '1', MPSBENCH_CACHE_DIR: CACHE_DIR, ...opts.env },
    reject: false,
    timeout: opts.timeoutMs ?? 240_000,
  });
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}
