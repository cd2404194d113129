import { describe, expect, it } from 'vitest';
import { gabBigger, gabSmaller, gbenchExport, hyperfineExport, renderExport } from '../../../src/export/index.js';
import { UsageError } from '../../../src/errors.js';
import { caseWith, resultWith } from '../compare/fixture.js';

const A = 'cpu/matmul m=64 n=64 k=64 dtype=f32';
const B = 'cuda/matmul m=64 n=64 k=64 dtype=f32';
const FAILED = 'mps/matmul m=64 n=64 k=64 dtype=f32';

function result(): ReturnType<typeof resultWith> {
  return resultWith([
    caseWith(A, [1e-3, 2e-3, 3e-3]),
    caseWith(B, [4e-3]),
    caseWith(FAILED, [], { status: 'failed', error: { kind: 'crash', message: 'boom' } }),
  ]);
}

describe('github-action-benchmark custom JSON', () => {
  it('smaller-is-better: an array of {name, value, unit, range?, extra?} with unique names, times in ms', () => {
    const entries = gabSmaller(result());
    expect(entries.map((e) => Object.keys(e).sort())).toEqual([['extra', 'name', 'range', 'unit', 'value'], ['extra', 'name', 'unit', 'value']]);
    expect(entries[0]).toMatchObject({ name: A, unit: 'ms', range: '± 1.00' });
    expect(entries[0]?.value).toBeCloseTo(2, 9);
    expect(entries[0]?.extra).toBe('machine: box\nlaunches: 3');
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    expect(entries.some((e) => e.name === FAILED)).toBe(false);
  });

  it('bigger-is-better: GFLOP/s from the workload FLOP count', () => {
    const [e] = gabBigger(result());
    expect(e?.unit).toBe('GFLOP/s');
    expect(e?.value).toBeCloseTo((2 * 64 ** 3) / 2e-3 / 1e9, 9);
    expect(typeof e?.value).toBe('number');
  });
});

describe('Google Benchmark JSON', () => {
  it('has context and one iteration row per launch with the fields compare.py reads', () => {
    const doc = gbenchExport(result());
    for (const k of ['date', 'host_name', 'num_cpus', 'mhz_per_cpu', 'caches', 'library_build_type', 'json_schema_version']) {
      expect(doc.context).toHaveProperty(k);
    }
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
    expect(a).toMatchObject({ command: A, min: 1e-3, max: 3e-3, exit_codes: [0, 0, 0], user: null, system: null });
    expect(a?.mean).toBeCloseTo(2e-3, 12);
    expect(a?.stddev).toBeCloseTo(1e-3, 12);
    expect(a?.times.map((t) => Number(t.toPrecision(6)))).toEqual([1e-3, 2e-3, 3e-3]);
    expect(a?.parameters).toMatchObject({ backend: 'cpu', dtype: 'f32', m: '64' });
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
