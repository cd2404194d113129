import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { EXPORT_FORMATS } from '../../../src/export/names.js';
import { getReporter, jsonReporter, reporters } from '../../../src/reporters/index.js';
import { loadSmallResult } from './fixture.js';

describe('reporter registry', () => {
  it('files each reporter under its own name, and csv only among the exports', () => {
    for (const [name, r] of Object.entries(reporters)) {
      expect(r.name).toBe(name);
      expect(getReporter(name)).toBe(r);
      expect(r.extension).toMatch(/^[a-z]+$/);
    }
    expect(Object.hasOwn(reporters, 'csv')).toBe(false);
    expect(EXPORT_FORMATS).toContain('csv');
  });

  it('rejects unknown and prototype names with a usage error listing the known ones', () => {
    expect(() => getReporter('html')).toThrow(UsageError);
    expect(() => getReporter('html')).toThrow(`expected one of: ${Object.keys(reporters).join(', ')}`);
    expect(() => getReporter('toString')).toThrow(UsageError);
    expect(() => getReporter('__proto__')).toThrow(UsageError);
  });

  it('every reporter names every case of the result and ends with a newline', () => {
    const result = loadSmallResult();
    for (const r of Object.values(reporters)) {
      const text = r.render(result);
      expect(text.endsWith('\n'), r.name).toBe(true);
      for (const c of result.results) {
        // json keeps the key; the tables show the backend and the case's varying parameters
        if (r.name === 'json') expect(text).toContain(JSON.stringify(c.key));
        else expect(text, `${r.name}: ${c.key}`).toContain(c.backend);
      }
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
