import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUITE_SCHEMA_PATH } from '../../../src/suite/schema.js';
import { DTYPES } from '../../../src/types.js';
import { getWorkload, toleranceFor, workloadNames } from '../../../src/workloads/index.js';
import { checkParamValue } from '../../../src/workloads/params.js';

interface SchemaDoc {
  definitions: { case: { properties: { workload: { enum: string[]; 'x-expect': string } } } };
}

describe('the workload registry is the one list of workloads', () => {
  const schema = JSON.parse(readFileSync(SUITE_SCHEMA_PATH, 'utf8')) as SchemaDoc;
  const workload = schema.definitions.case.properties.workload;

  it('schema/suite.schema.json names exactly the registered workloads, in order', () => {
    expect(workload.enum).toEqual(workloadNames());
    expect(workload['x-expect']).toBe(`one of ${workloadNames().join(', ')}`);
  });

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
