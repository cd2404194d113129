import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSession } from '../../../src/run/session.js';
import { resolveSettings } from '../../../src/run/settings.js';
import type { ResultFile } from '../../../src/results/types.js';

const FAKE = fileURLToPath(new URL('../../fixtures/fake-runner.mjs', import.meta.url));

describe('runSession (the programmatic run)', () => {
  it('runs a suite on a custom runner and records each budget that differs from the shared one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpsbench-session-'));
    const suite = join(dir, 's.yaml');
    writeFileSync(suite, [
      'name: s',
      'budget: {min_time_s: 0.01, max_time_s: 0.2}',
      'cases:',
      '  - workload: matmul',
      '    params: {m: [4, 8], n: 8, k: 8}',
      '  - workload: matmul',
      '    params: {m: 16, n: 8, k: 8}',
      '    budget: {max_time_s: 0.1}',
      '',
    ].join('\n'));
    const settings = resolveSettings([suite], { backend: 'fake', runner: [`fake=${process.execPath} ${FAKE}`], out: join(dir, 'r.json') });
    const { result, paths } = await runSession(settings, { command: ['test'] });
    expect(result.results.map((r) => [r.spec, r.status])).toEqual([
      ['matmul m=4 n=8 k=8 dtype=f32', 'ok'],
      ['matmul m=8 n=8 k=8 dtype=f32', 'ok'],
      ['matmul m=16 n=8 k=8 dtype=f32', 'ok'],
    ]);
    expect(result.settings.budget.max_time_s).toBe(0.2);
    expect(result.results.map((r) => r.budget?.max_time_s)).toEqual([undefined, undefined, 0.1]);
    const written = JSON.parse(readFileSync(paths.json, 'utf8')) as ResultFile;
    expect(written.complete).toBe(true);
    expect(written.results[2]?.budget?.max_time_s).toBe(0.1);
  });
});
