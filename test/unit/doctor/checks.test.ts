import { describe, expect, it } from 'vitest';
import { checkCase, launchProblems } from '../../../src/doctor/checks.js';
import type { CaseResult, LaunchRecord } from '../../../src/results/types.js';

const good: LaunchRecord = {
  index: 0, ok: true, timer: 'gpu', iters_per_sample: 4, samples_ns: [1e6, 1.1e6, 1.05e6],
  wall_samples_ns: [1.5e6, 1.6e6, 1.55e6], warmup: { iters: 2, first_ns: 5000, total_ns: 8000 },
  verify: { max_rel_err: 1e-7, checked: 10 },
};

function result(l: LaunchRecord, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    key: 'mps/matmul m=2 dtype=f32', spec: 'matmul m=2 dtype=f32', workload: 'matmul', backend: 'mps', dtype: 'f32',
    params: {}, seed: 1, status: 'ok', launches: [l], work: {},
    verify: { max_rel_err: 1e-7, checked: 10, tolerance: 1e-4, passed: true }, ...extra,
  };
}

describe('doctor checks', () => {
  it('passes a launch whose device samples lie within the host wall samples', () => {
    expect(launchProblems(good)).toEqual([]);
  });
  it('catches a device sample longer than the wall time of the same sample', () => {
    expect(launchProblems({ ...good, wall_samples_ns: [1.5e6, 0.5e6, 1.55e6] }).join()).toMatch(/device sample\[1\] = 1100000 ns exceeds/);
  });
  it('catches encode time beyond the wall time, mismatched lengths and a missing wall series', () => {
    expect(launchProblems({ ...good, encode_samples_ns: [1e5, 1e5, 9e6] }).join()).toMatch(/encode_samples_ns\[2\]/);
    expect(launchProblems({ ...good, wall_samples_ns: [1.5e6] }).join()).toMatch(/3 entries but wall_samples_ns 1/);
    const noWall: LaunchRecord = { ...good };
    delete noWall.wall_samples_ns;
    expect(launchProblems(noWall).join()).toMatch(/without wall_samples_ns/);
  });
  it('catches zero samples and a first call that was not recorded', () => {
    expect(launchProblems({ ...good, samples_ns: [0, 1, 1] }).join()).toMatch(/samples_ns\[0\] is 0/);
    expect(launchProblems({ ...good, warmup: undefined }).join()).toMatch(/first-call time/);
    expect(launchProblems({ ...good, info: { compile_ns: 0 } }).join()).toMatch(/compile_ns is 0/);
  });
  it('requires compile_ns where the backend compiles a graph, and fails unverified cases', () => {
    expect(checkCase(result(good), true).problems.join()).toMatch(/compile_ns .* not recorded/);
    expect(checkCase(result({ ...good, info: { compile_ns: 12345 } }), true).outcome).toBe('pass');
    const wrong = result(good, { verify: { max_rel_err: 0.5, checked: 10, tolerance: 1e-4, passed: false } });
    expect(checkCase(wrong).problems.join()).toMatch(/verification failed: max_rel_err 0.5/);
    const failed = result(good, { status: 'failed', launches: [], error: { kind: 'crash', message: 'killed by SIGSEGV' } });
    expect(checkCase(failed)).toMatchObject({ outcome: 'fail', problems: ['crash: killed by SIGSEGV'] });
    expect(checkCase(result(good, { status: 'unsupported' })).outcome).toBe('skip');
  });
});
