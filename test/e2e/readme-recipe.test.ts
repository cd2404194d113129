/**
 * The README's regression checks, run as written: the commands are read from the README's
 * `<!-- ci-recipe-interleaved:start -->` (one interleaved run of two variants) and
 * `<!-- ci-recipe:start -->` (two sequential runs) blocks at test time, so the README and this
 * test cannot drift, with `npx mpsbench` replaced by the built CLI. The only thing the test
 * changes is which runner runs: a protocol-speaking runner whose medians the test chooses (added
 * as `--runner fake=… --backend fake` to the sequential runs; put in place of the commands of the
 * interleaved recipe's `runner.NAME=` settings), so "unchanged" and "30% slower" are known facts
 * rather than luck.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../src/runner/custom.js';
import { cli, tempDir } from './helpers.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));

/** The `npx mpsbench …` commands of the README's marked block `marker`, as argv after `mpsbench`. */
function recipeCommands(readme: string, marker = 'ci-recipe'): string[][] {
  const block = new RegExp(`<!-- ${marker}:start -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${marker}:end -->`).exec(readme)?.[1];
  if (block === undefined) throw new Error(`README.md has no <!-- ${marker}:start --> \`\`\`sh block`);
  return block
    .split('\n')
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => {
      const argv = splitArgv(line);
      if (argv[0] !== 'npx' || argv[1] !== 'mpsbench') throw new Error(`recipe line is not an npx mpsbench command: ${line}`);
      return argv.slice(2);
    });
}

const SUITE = `name: my-suite
cases:
  - workload: matmul
    params: { m: [16, 32], n: 8, k: 8 }
`;

/** The command of a fake runner with median `ns` per case, each launch seeded by its pid. */
function fakeCommand(ns: number): string {
  const cfg = JSON.stringify({ median_ns: { 'matmul ': ns }, noise: 0.04, seed: 'pid' });
  return `${process.execPath} ${FAKE} '${cfg}'`;
}

/** `--runner` for a fake runner with median `ns` per case. */
function runnerArgs(ns: number): string[] {
  return ['--backend', 'fake', '--runner', `fake=${fakeCommand(ns)}`];
}

/**
 * Runs the interleaved recipe in a fresh directory: the first `--variant`'s runner command
 * replaced by a fake runner with median `baseNs`, the second's by one with `headNs`.
 */
async function followInterleaved(baseNs: number, headNs: number): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'my-suite.yaml'), SUITE);
  const commands = recipeCommands(readFileSync(README, 'utf8'), 'ci-recipe-interleaved');
  expect(commands.map((c) => c[0])).toEqual(['run', 'compare']);
  const [run, compare] = commands as [string[], string[]];
  const medians = [baseNs, headNs];
  let variants = 0;
  const argv = run.map((arg, i) => {
    if (run[i - 1] !== '--variant') return arg;
    const m = /^([^:]+):runner\.([a-z0-9_-]+)=.+$/.exec(arg);
    if (m === null) throw new Error(`README variant is not NAME:runner.NAME=COMMAND: ${arg}`);
    return `${m[1]}:runner.${m[2]}=${fakeCommand(medians[variants++] ?? NaN)}`;
  });
  expect(variants).toBe(2);
  const r = await cli(argv, { cwd: dir });
  expect(r.exitCode, r.stderr).toBe(0);
  const c = await cli(compare, { cwd: dir });
  return { code: c.exitCode, stdout: c.stdout, stderr: c.stderr };
}

/** Runs the recipe in a fresh directory: base with median `baseNs`, head with `headNs`. */
async function followRecipe(baseNs: number, headNs: number): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'my-suite.yaml'), SUITE);
  const commands = recipeCommands(readFileSync(README, 'utf8'));
  expect(commands.map((c) => c[0])).toEqual(['run', 'run', 'compare']);
  const [base, head, compare] = commands as [string[], string[], string[]];
  for (const [argv, ns] of [[base, baseNs], [head, headNs]] as const) {
    const r = await cli([...argv, ...runnerArgs(ns)], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
  }
  const r = await cli(compare, { cwd: dir });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

describe("the README's regression check", () => {
  it('names 10 launches, since the gate gives no verdict on fewer than 5', () => {
    const readme = readFileSync(README, 'utf8');
    const runs = [...recipeCommands(readme), ...recipeCommands(readme, 'ci-recipe-interleaved')].filter((c) => c[0] === 'run');
    expect(runs).toHaveLength(3);
    for (const argv of runs) expect(argv.join(' ')).toMatch(/--launches 10\b/);
  });

  it('interleaved: exits 0 on an unchanged pair (A/A)', async () => {
    const r = await followInterleaved(1e6, 1e6);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No regression \(interleaved, paired launches\)/);
  });

  it('interleaved: exits 1 when the head build got 30% slower', async () => {
    const r = await followInterleaved(1e6, 1.3e6);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/Regression detected \(interleaved, paired launches\): 2 regression/);
  });

  it('exits 0 on an unchanged pair (A/A)', async () => {
    const r = await followRecipe(1e6, 1e6);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No regression/);
    expect(r.stdout).not.toMatch(/insufficient/i);
  });

  it('exits 1 when the runner got 30% slower', async () => {
    const r = await followRecipe(1e6, 1.3e6);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/Regression detected \(sequential runs\): 2 regression/);
  });
});
