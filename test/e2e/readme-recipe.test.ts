/**
 * The README's regression check, run as written: the commands are read from the README's
 * `<!-- ci-recipe:start -->` block at test time (so the README and this test cannot drift), with
 * `npx mpsbench` replaced by the built CLI. The only thing the test adds is which backend runs:
 * `--runner fake=… --backend fake` on the run commands, a protocol-speaking runner whose medians
 * the test chooses, so "unchanged" and "30% slower" are known facts rather than luck.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../src/runner/custom.js';
import { cli, tempDir } from './helpers.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));

/** The `npx mpsbench …` commands of the README's marked CI recipe, as argv after `mpsbench`. */
function recipeCommands(readme: string): string[][] {
  const block = /<!-- ci-recipe:start -->\s*```sh\n([\s\S]*?)```\s*<!-- ci-recipe:end -->/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no <!-- ci-recipe:start --> ```sh block');
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

/** `--runner` for a fake runner with median `ns` per case, each launch seeded by its pid. */
function runnerArgs(ns: number): string[] {
  const cfg = JSON.stringify({ median_ns: { 'matmul ': ns }, noise: 0.04, seed: 'pid' });
  return ['--backend', 'fake', '--runner', `fake=${process.execPath} ${FAKE} '${cfg}'`];
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
    for (const argv of recipeCommands(readFileSync(README, 'utf8')).filter((c) => c[0] === 'run')) {
      expect(argv.join(' ')).toMatch(/--launches 10\b/);
    }
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
