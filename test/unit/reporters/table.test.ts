import { describe, expect, it } from 'vitest';
import { buildTables, type WorkloadTable } from '../../../src/reporters/index.js';
import { cpuSpeedup, describeStatus, splitParams, verifyText } from '../../../src/reporters/table.js';
import type { CaseResult } from '../../../src/results/types.js';
import { loadSmallResult } from './fixture.js';

/** The cell of `column` in the row whose key is `key`. */
function cellOf(t: WorkloadTable, key: string, column: string): string | undefined {
  const i = t.columns.findIndex((c) => c.id === column);
  return t.rows.find((r) => r.key === key)?.cells[i];
}

function table(workload: string): WorkloadTable {
  const t = buildTables(loadSmallResult()).find((x) => x.workload === workload);
  if (t === undefined) throw new Error(`no ${workload} table`);
  return t;
}

describe('buildTables', () => {
  it('makes one table per workload, in first-seen order', () => {
    expect(buildTables(loadSmallResult()).map((t) => t.workload)).toEqual(['matmul', 'conv2d']);
  });

  it('turns only varying parameters into columns and lists the constant ones', () => {
    const mm = table('matmul');
    expect(mm.columns.map((c) => c.id)).toEqual([
      'backend', 'param.m', 'dtype', 'median', 'spread', 'throughput', 'verify', 'status', 'speedup',
    ]);
    expect(mm.constants).toEqual(['n=512', 'k=512']);
    const conv = table('conv2d');
    expect(conv.columns.some((c) => c.id.startsWith('param.'))).toBe(false);
    expect(conv.constants).toContain('kernel=3x3');
  });

  it('computes the speed-up over cpu as cpu median / this median, for the same spec', () => {
    const r = loadSmallResult();
    const [cpu, torch] = r.results;
    // fixture medians: cpu 500.75 µs, torch-cpu 400.6 µs → 500.75 / 400.6 = 1.25
    expect(cpuSpeedup(torch as CaseResult, r.results)).toBeCloseTo(500.75 / 400.6, 12);
    expect(cpuSpeedup(cpu as CaseResult, r.results)).toBe(1);
    const conv = table('conv2d');
    // 12.11815 ms / 8.012 ms = 1.5125 → "1.5×"
    expect(cellOf(conv, 'torch-cpu/conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32', 'speedup')).toBe('1.5×');
  });

  it('never shows a time or a speed for a case that did not complete', () => {
    const mm = table('matmul');
    for (const key of ['torch-cpu/matmul m=1024 n=512 k=512 dtype=f32', 'cpu/matmul m=256 n=512 k=512 dtype=f16']) {
      for (const col of ['median', 'spread', 'throughput', 'speedup']) expect(cellOf(mm, key, col), `${key} ${col}`).toBe('—');
    }
    expect(cellOf(mm, 'torch-cpu/matmul m=1024 n=512 k=512 dtype=f32', 'status')).toMatch(/^failed \(verify\): max relative/);
    expect(cellOf(mm, 'cpu/matmul m=256 n=512 k=512 dtype=f16', 'status')).toBe('unsupported: cpu runner has no f16 matmul');
  });

  it('shows no speed-up when the cpu case failed, even though this one passed', () => {
    const r = loadSmallResult();
    const cpu = r.results.find((c) => c.key === 'cpu/matmul m=256 n=512 k=512 dtype=f32');
    if (cpu === undefined) throw new Error('fixture changed');
    cpu.status = 'failed';
    cpu.error = { kind: 'crash', message: 'segfault' };
    const mm = buildTables(r).find((t) => t.workload === 'matmul') as WorkloadTable;
    expect(cellOf(mm, 'torch-cpu/matmul m=256 n=512 k=512 dtype=f32', 'speedup')).toBe('—');
    expect(cellOf(mm, 'torch-cpu/matmul m=256 n=512 k=512 dtype=f32', 'median')).toBe('401 µs');
  });

  it('drops the ×cpu column when no cpu case exists', () => {
    const r = loadSmallResult();
    r.results = r.results.filter((c) => c.backend !== 'cpu');
    for (const t of buildTables(r)) expect(t.columns.map((c) => c.id)).not.toContain('speedup');
  });

  it('groups a spec’s backends together whatever the run order', () => {
    const r = loadSmallResult();
    r.results.reverse();
    expect(buildTables(r)[0]?.rows.map((x) => x.key)).toEqual([
      'torch-cpu/conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32',
      'cpu/conv2d n=8 c=64 h=56 w=56 k=64 kernel=3x3 stride=1 pad=1 dtype=f32',
    ]);
  });

  it('shows the rate the workload leads with: samples/s, bytes/s or FLOP/s', () => {
    const r = loadSmallResult();
    const c = r.results[0] as CaseResult;
    c.work = { samples: 64, flop: 1e9, bytes: 2e6 };
    c.throughput = { samples_per_s: 64 / 0.00050075, flop_per_s: 1e9 / 0.00050075, bytes_per_s: 2e6 / 0.00050075 };
    const rate = (workload: string): string => {
      c.workload = workload;
      return cellOf(buildTables(r)[0] as WorkloadTable, c.key, 'throughput') ?? '';
    };
    expect(rate('train')).toBe('128k samples/s'); // 64 / 500.75 µs = 127,808
    expect(rate('bandwidth')).toBe('3.99 GB/s');
    expect(rate('matmul')).toBe('2.00 TFLOP/s');
    expect(rate('unknown-to-this-build')).toBe('128k samples/s');
  });
});

describe('cell helpers', () => {
  const base = loadSmallResult().results[0] as CaseResult;

  it('marks a param that varies because it is missing in some cases', () => {
    const a = { ...base, params: { m: 1, n: 2 } };
    const b = { ...base, params: { m: 1 } };
    expect(splitParams([a, b])).toEqual({ varying: ['n'], constant: ['m'] });
  });

  it('writes verification verdicts', () => {
    expect(verifyText({ ...base, verify: { max_rel_err: null, checked: 10, nonfinite: 2 } })).toBe('non-finite ✗');
    expect(verifyText({ ...base, verify: { max_rel_err: 2e-3, checked: 10, tolerance: 1e-3 } })).toBe('2.0e-3 > 1.0e-3 ✗');
    expect(verifyText({ ...base, verify: { max_rel_err: 2e-3, checked: 10 } })).toBe('2.0e-3');
    expect(verifyText({ ...base, verify: undefined })).toBe('—');
  });

  it('puts a multi-line error on one line and cuts it', () => {
    const c: CaseResult = { ...base, status: 'failed', error: { kind: 'oom', message: 'out of\nmemory   allocating 4 GiB' } };
    expect(describeStatus(c)).toBe('failed (oom): out of memory allocating 4 GiB');
    expect(describeStatus(c, 10)).toBe('failed (oom): out of me…');
  });
});
