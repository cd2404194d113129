import { describe, expect, it } from 'vitest';
import { DTYPES } from '../../../src/types.js';
import { getWorkload, toleranceFor, workloadNames } from '../../../src/workloads/index.js';
import { checkParamValue } from '../../../src/workloads/params.js';

// The schema's workload enum against the registry: test/unit/suite/helpers.test.ts.
describe('each workload definition carries its small case and tolerances', () => {
  it.each(workloadNames())('%s: its small case gives every parameter a valid value and passes validation', (name) => {
    const w = getWorkload(name);
    if (!w) throw new Error(name);
    expect(Object.keys(w.smallCase)).toEqual(w.params.map((p) => p.name));
    for (const p of w.params) expect(checkParamValue(p, w.smallCase[p.name]), p.name).toBeUndefined();
    for (const d of w.dtypes) expect(w.validate(w.smallCase, d)).toEqual([]);
  });

  it.each(workloadNames())('%s: a tolerance for every dtype, looser for narrower types', (name) => {
    const t = DTYPES.map((d) => toleranceFor(name, d));
    for (const x of t) expect(x).toBeGreaterThan(0);
    expect(toleranceFor(name, 'bf16')).toBeGreaterThan(toleranceFor(name, 'f16'));
    expect(toleranceFor(name, 'f16')).toBeGreaterThanOrEqual(toleranceFor(name, 'tf32'));
  });
});
