/**
 * Exports read by the peers' own tools: Google Benchmark's compare.py (Debian's
 * libbenchmark-tools, /usr/share/benchmark/compare.py) on two exported runs, and, where Debian has
 * no tool, the consumer's documented expectations: github-action-benchmark's custom-JSON schema
 * (`src/extract.ts`: an array of {name, value, unit, range?, extra?}) and hyperfine's
 * `scripts/plot_parametrized.py` (every result has exactly one parameter, the same name in all,
 * a value `float()` accepts, and numeric `mean`/`stddev`). Result files come from the CLI driving
 * the protocol-speaking fake runner, the head side 30% slower.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-runner.mjs', import.meta.url));
const COMPARE_PY = '/usr/share/benchmark/compare.py';
const hasComparePy = existsSync(COMPARE_PY) && spawnSync('python3', ['-c', 'import scipy, numpy']).status === 0;

function runnerArgs(ns: number): string[] {
  const cfg = JSON.stringify({ median_ns: { 'matmul ': ns }, noise: 0.04, seed: 'pid' });
  return ['--backend', 'fake', '--runner', `fake=${process.execPath} ${FAKE} '${cfg}'`];
}

describe('exports read by their tools', () => {
  const dir = tempDir();
  const at = (f: string): string => join(dir, f);

  beforeAll(async () => {
    for (const [name, ns] of [['base', 1e6], ['head', 1.3e6]] as const) {
      const r = await cli(['run', '--case', 'matmul m=16,32 n=8 k=8', '--launches', '4', '--out', at(`${name}.json`), ...runnerArgs(ns)], { cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      for (const format of ['gbench', 'gab-smaller', 'gab-bigger', 'hyperfine']) {
        const e = await cli(['export', at(`${name}.json`), '--format', format, '-o', at(`${name}.${format}.json`)], { cwd: dir });
        expect(e.exitCode, e.stderr).toBe(0);
      }
    }
  });

  it.skipIf(!hasComparePy)('Google Benchmark compare.py reads the gbench export, aggregates included (-a)', () => {
    const full = execFileSync('python3', [COMPARE_PY, '--no-color', 'benchmarks', at('base.gbench.json'), at('head.gbench.json')], { encoding: 'utf8' });
    const agg = execFileSync('python3', [COMPARE_PY, '--no-color', '-a', 'benchmarks', at('base.gbench.json'), at('head.gbench.json')], { encoding: 'utf8' });
    for (const stat of ['mean', 'median', 'stddev']) expect(agg).toMatch(new RegExp(`fake/matmul m=16 n=8 k=8 dtype=f32_${stat}\\s`));
    expect(agg).not.toMatch(/dtype=f32\s+[+-]/); // -a shows aggregates only, no per-launch rows
    // the median aggregate shows the 30% slowdown, as compare.py's relative change (+0.30)
    const median = agg.split('\n').find((l) => l.includes('m=16 n=8 k=8 dtype=f32_median'));
    expect(Number(median?.trim().split(/\s+/).slice(-6)[0])).toBeCloseTo(0.3, 1);
    expect(full).toMatch(/_pvalue/);
  });

  it('github-action-benchmark: an array of {name, value, unit, range?, extra?} with unique names', () => {
    for (const f of ['head.gab-smaller.json', 'head.gab-bigger.json']) {
      const doc = JSON.parse(readFileSync(at(f), 'utf8')) as unknown;
      expect(Array.isArray(doc)).toBe(true);
      const entries = doc as Record<string, unknown>[];
      expect(entries).toHaveLength(2);
      for (const e of entries) {
        expect(Object.keys(e).every((k) => ['name', 'value', 'unit', 'range', 'extra'].includes(k))).toBe(true);
        expect(typeof e.name).toBe('string');
        expect(typeof e.value === 'number' && Number.isFinite(e.value)).toBe(true);
        expect(typeof e.unit).toBe('string');
        expect(e.range).toMatch(/^± \d/);
        expect(typeof e.extra).toBe('string');
      }
      expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    }
  });

  it('hyperfine: one parameter per result, the swept one, as scripts/plot_parametrized.py requires', () => {
    const { results } = JSON.parse(readFileSync(at('head.hyperfine.json'), 'utf8')) as { results: Record<string, unknown>[] };
    expect(results).toHaveLength(2);
    for (const r of results) {
      const params = r.parameters as Record<string, string>;
      expect(Object.keys(params)).toEqual(['m']);
      expect(Number.isFinite(Number.parseFloat(params.m ?? ''))).toBe(true);
      expect(typeof r.mean).toBe('number');
      expect(typeof r.stddev).toBe('number');
      expect((r.times as number[]).length).toBe(4);
    }
    expect(results.map((r) => (r.parameters as Record<string, string>).m)).toEqual(['16', '32']);
  });
});
