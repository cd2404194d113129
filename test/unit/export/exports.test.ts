import { describe, expect, it } from 'vitest';
import { gabBigger, gabSmaller, gbenchExport, hyperfineExport, renderExport } from '../../../src/export/index.js';
import { UsageError } from '../../../src/errors.js';
import { caseWith, resultWith } from '../compare/fixture.js';
import type { CaseStats } from '../../../src/results/types.js';
import { spreadText } from '../../../src/reporters/table.js';

const A = 'cpu/matmul m=64 n=64 k=64 dtype=f32';
const B = 'cuda/matmul m=64 n=64 k=64 dtype=f32';
const FAILED = 'mps/matmul m=64 n=64 k=64 dtype=f32';

/** Statistics as assemble writes them: the median the tables show and its 95% CI. */
function stats(median: number, lo: number, hi: number): CaseStats {
  return { n: 30, median_s: median, mean_s: median, stddev_s: 0, mad_s: 0, min_s: lo, max_s: hi, p5_s: lo, p95_s: hi, ci_median_s: [lo, hi], outliers: 0, launch_medians_s: [] };
}

function result(): ReturnType<typeof resultWith> {
  return resultWith([
    caseWith(A, [1e-3, 2e-3, 3e-3], { stats: stats(2.1e-3, 2.0e-3, 2.3e-3) }),
    caseWith(B, [4e-3], { stats: stats(4e-3, 3.9e-3, 4.1e-3) }),
    caseWith(FAILED, [], { status: 'failed', error: { kind: 'crash', message: 'boom' } }),
  ]);
}

describe('github-action-benchmark custom JSON', () => {
  it('smaller-is-better: {name, value, unit, range, extra} per case, the tables\' median ± CI95 in ms, with one launch too', () => {
    const entries = gabSmaller(result());
    expect(entries.map((e) => Object.keys(e).sort())).toEqual([['extra', 'name', 'range', 'unit', 'value'], ['extra', 'name', 'range', 'unit', 'value']]);
    expect(entries[0]).toMatchObject({ name: A, unit: 'ms', range: '± 0.150' });
    expect(spreadText(result().results[0] as never, 'ci')).toBe('± 150 µs'); // the same half-width the tables print
    expect(entries[0]?.value).toBeCloseTo(2.1, 9);
    expect(entries[1]).toMatchObject({ name: B, range: '± 0.100' });
    expect(entries[0]?.extra).toBe('machine: box\nlaunches: 3\nrange: ± half the 95% CI of the median');
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    expect(entries.some((e) => e.name === FAILED)).toBe(false);
  });

  it('bigger-is-better: GFLOP/s from the workload FLOP count', () => {
    const [e] = gabBigger(result());
    expect(e?.unit).toBe('GFLOP/s');
    const work = (2 * 64 ** 3) / 1e9;
    expect(e?.value).toBeCloseTo(work / 2.1e-3, 9);
    expect(e?.range).toBe('± 0.0171'); // (work/2.0 ms − work/2.3 ms) / 2 = (0.262144 − 0.227951) / 2 GFLOP/s
    expect(typeof e?.value).toBe('number');
  });
});

describe('Google Benchmark JSON', () => {
  it('has a context of measured fields only, one iteration row per launch, then mean/median/stddev aggregates', () => {
    const doc = gbenchExport(result());
    for (const k of ['date', 'host_name', 'num_cpus', 'json_schema_version', 'mpsbench_cpu_time']) expect(doc.context).toHaveProperty(k);
    for (const k of ['mhz_per_cpu', 'cpu_scaling_enabled', 'caches', 'load_avg', 'library_build_type']) expect(doc.context).not.toHaveProperty(k);
    const aggregates = doc.benchmarks.filter((r) => r.run_name === A && r.run_type === 'aggregate');
    expect(aggregates.map((r) => [r.name, r.aggregate_name, r.aggregate_unit, r.repetitions, r.iterations])).toEqual([
      [`${A}_mean`, 'mean', 'time', 3, 3], [`${A}_median`, 'median', 'time', 3, 3], [`${A}_stddev`, 'stddev', 'time', 3, 3],
    ]);
    expect(aggregates.map((r) => r.real_time / 1e6)).toEqual([expect.closeTo(2, 6), expect.closeTo(2, 6), expect.closeTo(1, 6)]);
    expect(doc.benchmarks.filter((r) => r.run_name === B && r.run_type === 'aggregate')).toEqual([]); // one launch: no aggregates
    const rows = doc.benchmarks.filter((r) => r.name === A);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.repetition_index)).toEqual([0, 1, 2]);
    for (const r of rows) {
      expect(r).toMatchObject({ run_type: 'iteration', repetitions: 3, time_unit: 'ns', threads: 1, iterations: 10, family_index: 0 });
      expect(r.cpu_time).toBe(r.real_time);
      expect(typeof r.flop_per_second).toBe('number');
    }
    expect(rows[1]?.real_time).toBeCloseTo(2e6, 3);
    expect(doc.benchmarks.some((r) => r.name === FAILED)).toBe(false);
  });
});

describe('hyperfine JSON', () => {
  it('has results[] with command, mean, stddev, median, user, system, min, max, times, parameters (seconds)', () => {
    const { results } = hyperfineExport(result());
    const [a, b] = results;
    expect(Object.keys(a ?? {}).sort()).toEqual(['command', 'exit_codes', 'max', 'mean', 'median', 'min', 'parameters', 'stddev', 'system', 'times', 'user']);
    expect(a?.parameters).toEqual({ backend: 'cpu' }); // only what varies between results
    expect(a).toMatchObject({ command: A, min: 1e-3, max: 3e-3, exit_codes: [0, 0, 0], user: null, system: null });
    expect(a?.mean).toBeCloseTo(2e-3, 12);
    expect(a?.stddev).toBeCloseTo(1e-3, 12);
    expect(a?.times.map((t) => Number(t.toPrecision(6)))).toEqual([1e-3, 2e-3, 3e-3]);
    expect(b?.parameters).toEqual({ backend: 'cuda' });
    const one = hyperfineExport(resultWith([caseWith(A, [1e-3, 2e-3])])).results[0];
    expect(one).not.toHaveProperty('parameters');
    expect(b?.stddev).toBeNull(); // one run
    expect(results).toHaveLength(2);
  });
});

describe('renderExport', () => {
  it('renders csv through the csv reporter and refuses unknown formats', () => {
    expect(renderExport(result(), 'csv').split('\r\n')[0]).toMatch(/^key,backend,workload,spec,dtype,/);
    expect(() => renderExport(result(), 'xml')).toThrow(UsageError);
    expect(JSON.parse(renderExport(result(), 'gab-smaller'))).toHaveLength(2);
  });
});
