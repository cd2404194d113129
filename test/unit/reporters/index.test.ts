import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { getReporter, jsonReporter, reporters } from '../../../src/reporters/index.js';
import { loadSmallResult } from './fixture.js';

describe('reporter registry', () => {
  it('registers json, md and console under their names (csv is an export format)', () => {
    expect(Object.keys(reporters)).toEqual(['json', 'md', 'console']);
    for (const [name, r] of Object.entries(reporters)) expect(r.name).toBe(name);
    expect(Object.values(reporters).map((r) => r.extension)).toEqual(['json', 'md', 'txt']);
  });

  it('finds a reporter by name and rejects unknown ones with a usage error', () => {
    expect(getReporter('md').name).toBe('md');
    expect(() => getReporter('html')).toThrow(UsageError);
    expect(() => getReporter('html')).toThrow("unknown report format 'html'; expected one of: json, md, console");
    expect(() => getReporter('toString')).toThrow(UsageError);
  });

  it('every reporter is deterministic and ends with a newline', () => {
    for (const r of Object.values(reporters)) {
      const a = r.render(loadSmallResult());
      expect(r.render(loadSmallResult())).toBe(a);
      expect(a.endsWith('\n')).toBe(true);
    }
  });
});

describe('json reporter', () => {
  it('writes the whole result file with a 2-space indent and a trailing newline', () => {
    const r = loadSmallResult();
    const out = jsonReporter.render(r);
    expect(JSON.parse(out)).toEqual(r);
    expect(out).toBe(`${JSON.stringify(r, null, 2)}\n`);
    expect(out.split('\n')[1]).toBe('  "schema": "mpsbench.result/v1",');
  });
});
