import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { openResume, resumeInfo } from '../../../src/run/resume.js';
import { resolveSettings } from '../../../src/run/settings.js';
import { loadSmallResult } from '../reporters/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'mpsbench-resume-'));
const small = loadSmallResult();

/** A journal holding only its header, with `run` as given, on this host. */
function journalWith(name: string, run: object): string {
  const path = join(dir, `${name}.json.journal.jsonl`);
  const header = { type: 'header', ...small, results: undefined, env: { ...small.env, host: { ...small.env.host, hostname: hostname() } }, run };
  writeFileSync(path, `${JSON.stringify(header)}\n`);
  return path;
}

const paths = { json: '/x/r.json', md: '/x/r.md' };

describe('resume reads the run settings from the journal header', () => {
  it('restores the resolved settings a run stored', async () => {
    const settings = resolveSettings(['suites/a.yaml'], { case: ['matmul m=8 n=8 k=8'], backend: 'cpu,torch-cpu', launches: '3', threads: '2', timeout: '90', runner: ['mine=node r.mjs'] });
    const r = await openResume(journalWith('v2', { ...resumeInfo(settings, paths), cwd: '/x' }));
    expect(r.settings).toEqual(settings);
    expect(r.settings.launches).toBe(3);
    expect(r.cwd).toBe('/x');
  });

  it('reads an older journal that kept the flags as typed, the way the command line would', async () => {
    const options = { case: ['matmul m=8 n=8 k=8'], backend: 'cpu', launches: '2', threads: '4', timeout: '30', runner: ['mine=node r.mjs'], allowCustomRunners: true };
    const r = await openResume(journalWith('v1', { cwd: '/x', suites: ['default'], options, paths }));
    expect(r.settings).toEqual(resolveSettings(['default'], options));
    expect(r.settings).toMatchObject({ launches: 2, threads: 4, timeoutS: 30, backends: ['cpu'], allowCustomRunners: true });
    expect(r.settings.runners).toEqual([{ name: 'mine', command: ['node', 'r.mjs'] }]);
  });

  it('refuses damaged settings with one line naming the journal', async () => {
    const bad = journalWith('bad', { cwd: '/x', settings: { suites: [], cases: [], runners: [], launches: 0 }, paths });
    await expect(openResume(bad)).rejects.toThrow(InputError);
    await expect(openResume(bad)).rejects.toThrow(/run\.settings\.launches is malformed/);
  });
});
