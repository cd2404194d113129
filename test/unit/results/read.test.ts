import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { lineCol, readResultFile, validateResult } from '../../../src/results/read.js';
import { loadSmallResult } from '../reporters/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mpsbench-read-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function message(path: string): Promise<string> {
  try {
    await readResultFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('readResultFile', () => {
  it('reads a valid result file', async () => {
    const r = await readResultFile(file('ok.json', JSON.stringify(loadSmallResult())));
    expect(r.results.length).toBeGreaterThan(0);
  });

  it('says a missing file is missing', async () => {
    expect(await message(join(dir, 'nope.json'))).toBe(`cannot read ${join(dir, 'nope.json')}: no such file`);
  });

  it('points at line:col of a JSON syntax error', async () => {
    const p = file('bad.json', '{\n  "schema": "mpsbench.result/v1",\n  "x" 1\n}');
    expect(await message(p)).toBe(`${p}:3:7: invalid JSON: Unexpected number`);
  });

  it('says a truncated file is truncated', async () => {
    const text = JSON.stringify(loadSmallResult(), null, 2);
    const p = file('cut.json', text.slice(0, 500));
    expect(await message(p)).toMatch(new RegExp(`^${p}:\\d+:\\d+: the file is truncated`));
  });

  it('refuses another schema version, or none, in one line', async () => {
    const v2 = file('v2.json', JSON.stringify({ ...loadSmallResult(), schema: 'mpsbench.result/v2' }));
    expect(await message(v2)).toBe(`${v2} has schema "mpsbench.result/v2"; this mpsbench reads mpsbench.result/v1`);
    const none = file('none.json', '{"results": []}');
    expect(await message(none)).toBe(`${none} is not an mpsbench result file (no "schema" field)`);
    expect(await message(file('empty.json', ''))).toMatch(/is empty$/);
  });
});

describe('validateResult', () => {
  it('names the first case missing a field the consumers need', () => {
    const r = loadSmallResult() as unknown as { results: Record<string, unknown>[] };
    delete r.results[1]?.launches;
    expect(() => validateResult(r, 'f.json')).toThrow(/^f\.json: results\[1\] \(.*\) has no "launches" array$/);
  });

  it('refuses duplicate keys', () => {
    const r = loadSmallResult();
    const first = r.results[0];
    if (first) r.results.push(first);
    expect(() => validateResult(r, 'f.json')).toThrow(/appears twice/);
  });
});

describe('lineCol', () => {
  it('is 1-based', () => {
    expect(lineCol('ab\ncd', 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol('ab\ncd', 4)).toEqual({ line: 2, col: 2 });
  });
});
