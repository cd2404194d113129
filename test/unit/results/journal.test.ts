import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { Journal, parseJournal, readJournal } from '../../../src/results/journal.js';
import { loadSmallResult } from '../reporters/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mpsbench-journal-'));
const small = loadSmallResult();
const header = { ...small, results: undefined, run: { cwd: '/', suites: [], options: {}, paths: { json: '/r.json', md: '/r.md' } } };
const [c0, c1] = small.results;

function refusal(text: string): InputError {
  try {
    parseJournal(text, 'j.jsonl');
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** A journal as `mpsbench run` writes it, returned with its path. */
async function written(name: string): Promise<string> {
  const path = join(dir, name);
  const j = await Journal.create(path, header);
  void j.append('runner', { backend: 'cpu', hello: small.env.runners.cpu });
  void j.append('launch', { key: c0?.key, record: c0?.launches[0] });
  await j.append('case', c0);
  return path;
}

describe('journal', () => {
  it('reads back the header, runners, launches and cases', async () => {
    const j = await readJournal(await written('ok.jsonl'));
    expect(j.header.run?.paths.json).toBe('/r.json');
    expect(j.header.env.machine).toBe(small.env.machine);
    expect(j.runners.has('cpu')).toBe(true);
    expect(j.launches.get(c0?.key ?? '')).toEqual([c0?.launches[0]]);
    expect(j.cases.get(c0?.key ?? '')).toEqual(c0);
    expect(j.torn).toBe(false);
  });

  it('drops a torn last line, and reopening cuts it off so the next record starts on its own line', async () => {
    const path = await written('torn.jsonl');
    const good = readFileSync(path, 'utf8');
    appendFileSync(path, JSON.stringify({ type: 'case', record: c1 }).slice(0, 40));
    const j = await readJournal(path);
    expect(j.torn).toBe(true);
    expect(j.cases.size).toBe(1);
    expect(j.validBytes).toBe(Buffer.byteLength(good));
    const reopened = await Journal.reopen(path, j.validBytes);
    await reopened.append('case', c1);
    const again = await readJournal(path);
    expect(again.torn).toBe(false);
    expect([...again.cases.keys()]).toEqual([c0?.key, c1?.key]);
  });

  it('keeps the last case record of a key and one launch per index', () => {
    const lines = [
      JSON.stringify({ type: 'header', ...header }),
      JSON.stringify({ type: 'launch', record: { key: 'k', record: { index: 0, ok: true, samples_ns: [1] } } }),
      JSON.stringify({ type: 'launch', record: { key: 'k', record: { index: 0, ok: true, samples_ns: [2] } } }),
      JSON.stringify({ type: 'launch', record: { key: 'k', record: { index: 1, ok: false } } }),
      JSON.stringify({ type: 'case', record: { ...c0, status: 'skipped' } }),
      JSON.stringify({ type: 'case', record: c0 }),
    ];
    const j = parseJournal(`${lines.join('\n')}\n`, 'j.jsonl');
    expect(j.launches.get('k')).toEqual([{ index: 0, ok: true, samples_ns: [2] }]);
    expect(j.cases.get(c0?.key ?? '')?.status).toBe(c0?.status);
  });

  it.each([
    ['empty', '', /^j\.jsonl holds no complete record: there is nothing to resume$/],
    ['only a torn header', '{"type":"hea', /holds no complete record \(only a torn first line\)/],
    ['not a header', '{"type":"case","record":{}}\n', /^j\.jsonl:1:1: not an mpsbench journal/],
    ['another schema', `${JSON.stringify({ ...header, type: 'header', schema: 'mpsbench.result/v9' })}\n`, /has schema "mpsbench\.result\/v9"; this mpsbench resumes mpsbench\.result\/v1$/],
    ['a damaged middle line', `${JSON.stringify({ type: 'header', ...header })}\n{"type":\n{"type":"case","record":{}}\n`, /^j\.jsonl:2:1: line 2 is not JSON \(the journal is damaged\)$/],
    ['a case record without key', `${JSON.stringify({ type: 'header', ...header })}\n{"type":"case","record":{"status":"ok"}}\n`, /^j\.jsonl:2:1: case record without key/],
  ])('refuses %s with one line', (_label, text, message) => {
    const err = refusal(text);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
    expect(err.exitCode).toBe(2);
  });

  it('names a missing journal', async () => {
    await expect(readJournal(join(dir, 'nope.jsonl'))).rejects.toThrow(/^cannot read journal .*nope\.jsonl: no such file$/);
  });

  it('never stops the run when an append fails', async () => {
    const path = join(dir, 'gone', 'j.jsonl');
    const j = await Journal.create(path, header);
    // Make appends fail: the descriptor they write through is closed (as a full disk fails them).
    await j.close();
    await expect(j.append('case', c0)).resolves.toBeUndefined();
    await expect(j.append('case', c1)).resolves.toBeUndefined();
  });
});
