/**
 * The command-line flags people know from hyperfine and llama-bench, end to end on the real cpu
 * backend with tiny cases: budget flags reach the runner, `--case` sweeps and `--filter` pick the
 * cases, `-` means stdout for every output, and typos suggest the right flag.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultFile } from '../../src/results/types.js';
import { cli, tempDir } from './helpers.js';

const SMALL = 'matmul m=16 n=16 k=16 dtype=f32';

describe('run flags', () => {
  it('--runs, --warmup and --min/--max-time set every case\'s budget, and the runner obeys --runs', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--case', SMALL, '-b', 'cpu', '--runs', '7', '--warmup', '3', '--min-time', '0', '--max-time', '1s', '--out', '-'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as ResultFile;
    expect(result.settings.budget).toMatchObject({ min_samples: 7, max_samples: 7, warmup_min_iters: 3, warmup_s: 0, min_time_s: 0, max_time_s: 1 });
    expect(result.results[0]?.launches[0]?.samples_ns).toHaveLength(7);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--case sweeps (llama-bench syntax) and --filter picks from them', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--case', 'matmul m=8-32*2 n=8 k=8 dtype=f32', '-b', 'cpu', '--runs', '3', '--min-time', '0', '--filter', '*m=16*', '--out', '-', '--md', join(dir, 'r.md')], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as ResultFile).results.map((c) => c.key)).toEqual(['cpu/matmul m=16 n=8 k=8 dtype=f32']);
    expect(existsSync(join(dir, 'r.md'))).toBe(true);
    const none = await cli(['run', '--case', SMALL, '-b', 'cpu', '--filter', 'f16'], { cwd: dir });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--filter f16 matches none of the 1 planned case(s)');
  });

  it('--md - prints the Markdown to stdout and writes only the JSON file', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--case', SMALL, '-b', 'cpu', '--runs', '3', '--min-time', '0', '--out', 'r.json', '--md', '-'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# mpsbench results/);
    expect(readdirSync(dir).sort()).toEqual(['r.json']);
    const exported = await cli(['export', 'r.json', '--format', 'csv', '-o', '-'], { cwd: dir });
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^backend|^key|,/);
    expect(readdirSync(dir).sort()).toEqual(['r.json']);
    const both = await cli(['run', '--case', SMALL, '-b', 'cpu', '--out', '-', '--md', '-'], { cwd: dir });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('would both write to stdout');
  });

  it('takes hyperfine\'s --export-json/--export-markdown/--export-csv', async () => {
    const dir = tempDir();
    const r = await cli(['run', '--case', SMALL, '-b', 'cpu', '--runs', '3', '--min-time', '0', '--export-json', 'r.json', '--export-markdown', 'r.md', '--export-csv', 'r.csv'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['r.csv', 'r.json', 'r.md']);
  });

  it('an unwritable runner cache fails the case with a hint to set MPSBENCH_CACHE_DIR', async () => {
    const r = await cli(['run', '--case', SMALL, '-b', 'cpu', '--out', '-'], { cwd: tempDir(), env: { MPSBENCH_CACHE_DIR: '', HOME: '/etc/passwd', XDG_CACHE_HOME: '' } });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('(ENOTDIR): the runner cache (under HOME or XDG_CACHE_HOME) is not writable');
    expect(r.stderr).toContain('hint: set MPSBENCH_CACHE_DIR to a writable directory');
  });

  it('says a non-JSON file is not JSON', async () => {
    const r = await cli(['export', 'README.md', '--format', 'csv'], { cwd: join(import.meta.dirname, '../..') });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('README.md is not JSON (it starts with "# mpsbench")');
    expect(r.stderr).not.toContain('truncated');
  });

  it('suggests --runs for a typo of it, and refuses bad budget values with exit 2', async () => {
    const typo = await cli(['run', '--rnus', '5']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('Did you mean --runs?');
    const bad = await cli(['run', '--case', SMALL, '--runs', '0']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--runs must be an integer from 1');
  });
});
