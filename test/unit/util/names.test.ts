import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MpsbenchError } from '../../../src/errors.js';
import { ensureNoJournal, ensureWritable, writeAtomic } from '../../../src/results/write.js';
import { fileStamp, sanitizeName } from '../../../src/util/names.js';

describe('sanitizeName', () => {
  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['..', 'unknown'],
    ['.', 'unknown'],
    ['', 'unknown'],
    ['   ', 'unknown'],
    ['my laptop', 'my-laptop'],
    ['ci box/1', 'ci-box-1'],
    ['C:\\Users\\x', 'C-Users-x'],
    ['Jürgen’s MacBook Pro', 'Jurgen-s-MacBook-Pro'],
    ['Apple M2 Max (38-core GPU)', 'Apple-M2-Max-38-core-GPU'],
    ['日本語', 'unknown'],
    ['.hidden', 'hidden'],
    ['host\u0000name\n', 'host-name'],
    ['$(rm -rf ~)', 'rm--rf'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });

  it('is at most 64 characters of [A-Za-z0-9._-], never starting with a dot', () => {
    for (const s of ['a'.repeat(500), `${'é'.repeat(100)}/..`, '../'.repeat(40), '-.-.-x']) {
      const n = sanitizeName(s);
      expect(n).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/);
    }
  });

  it('stamps files in UTC without separators', () => {
    expect(fileStamp(new Date('2026-11-26T15:30:12.345Z'))).toBe('20261126T153012Z');
  });
});

describe('output files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpsbench-out-'));

  it('refuses to overwrite without force, names the way out', () => {
    const p = join(dir, 'taken.json');
    writeFileSync(p, '{}');
    expect(() => ensureWritable(p, false)).toThrow(MpsbenchError);
    expect(() => ensureWritable(p, false)).toThrow(`${p} already exists`);
    expect(() => ensureWritable(p, true)).not.toThrow();
    expect(() => ensureWritable(join(dir, 'free.json'), false)).not.toThrow();
  });

  it('refuses to start over on an interrupted run\'s journal without force', () => {
    const j = join(dir, 'r.json.journal.jsonl');
    writeFileSync(j, '');
    expect(() => ensureNoJournal(j, false)).toThrow(/exists: an earlier run to this output was interrupted/);
    expect(() => ensureNoJournal(j, true)).not.toThrow();
  });

  it('writes atomically through a temp file beside the target, leaving nothing else behind', async () => {
    const sub = join(dir, 'atomic');
    await writeAtomic(join(sub, 'r.json'), 'one');
    await writeAtomic(join(sub, 'r.json'), 'two');
    expect(readdirSync(sub)).toEqual(['r.json']);
    expect(readdirSync(dir).sort()).toEqual(['atomic', 'r.json.journal.jsonl', 'taken.json']);
  });

  it('removes its temp file when the rename fails', async () => {
    const sub = join(dir, 'fail');
    mkdirSync(join(sub, 'r.json'), { recursive: true }); // a directory where the file should go
    writeFileSync(join(sub, 'r.json', 'x'), '');
    await expect(writeAtomic(join(sub, 'r.json'), 'data')).rejects.toThrow(/^cannot write /);
    expect(readdirSync(sub)).toEqual(['r.json']);
    expect(existsSync(join(sub, 'r.json', 'x'))).toBe(true);
  });
});
