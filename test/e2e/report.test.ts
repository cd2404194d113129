/** `mpsbench report` through the built CLI: merges files to stdout, refuses bad input with exit 2. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleet } from '../unit/fleet/fleet.js';
import { cli, tempDir } from './helpers.js';

/** Writes the synthetic fleet into `dir`; returns the file paths. */
function writeFleet(dir: string): string[] {
  return fleet().map(({ name, result }) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(result));
    return path;
  });
}

describe('mpsbench report', () => {
  it('prints the merged Markdown and writes HTML and SVG when asked', async () => {
    const dir = tempDir();
    const files = writeFleet(dir);
    const md = await cli(['report', ...files, '--pick', 'best']);
    expect(md.exitCode).toBe(0);
    expect(md.stdout).toContain('# mpsbench chip comparison');
    expect(md.stdout).toContain('(--pick best)');
    const html = join(dir, 'out', 'index.html');
    const r = await cli(['report', ...files, '--out', join(dir, 'out', 'README.md'), '--html', html, '--svg', join(dir, 'out', 'charts')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'out', 'README.md'), 'utf8')).toContain('](charts/matmul-f32-cases.svg)');
    expect(readFileSync(html, 'utf8')).toContain('<svg');
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, 200), /^error: .*bad\.json:1:\d+: the file is truncated/],
    ['other schema', () => '{"schema":"other/v9"}', /^error: .*bad\.json has schema "other\/v9"; this mpsbench reads mpsbench\.result\/v1$/m],
  ])('refuses a %s file with one line and exit 2', async (_name, mangle, message) => {
    const dir = tempDir();
    const [first, ...rest] = writeFleet(dir);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, mangle(readFileSync(first ?? '', 'utf8')));
    const r = await cli(['report', bad, ...rest]);
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(lines.every((l) => l.startsWith('error:') || l.startsWith('  hint:'))).toBe(true);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a missing file and a bad --pick with exit 2', async () => {
    expect((await cli(['report', 'no/such/*.json'])).exitCode).toBe(2);
    const dir = tempDir();
    expect((await cli(['report', ...writeFleet(dir), '--pick', 'mean'])).exitCode).toBe(2);
  });
});
