/**
 * The npm package as `npm pack` would make it (`--dry-run --ignore-scripts`, on the dist/ this
 * test run built): a LICENSE, no __pycache__, no source maps (dist/ is built without them, so none
 * can point at unshipped sources), no install-time scripts (npm 11 warns about `prepare` on
 * tarball and git installs), every relative README link inside the package, and the size the
 * README states within 20% (update the README's `npm pack` line when this fails).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface PackInfo {
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

function pack(): PackInfo {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const info = (JSON.parse(out) as PackInfo[])[0];
  if (!info) throw new Error('npm pack printed no package');
  return info;
}

describe('the npm package', () => {
  const info = pack();
  const files = info.files.map((f) => f.path);
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('ships the CLI and a LICENSE, and no __pycache__ or source maps', () => {
    expect(files).toContain('LICENSE');
    expect(files).toContain('bin/mpsbench.js');
    expect(files).toContain('dist/cli.js');
    expect(files.filter((f) => f.includes('__pycache__') || f.endsWith('.pyc'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of files.filter((p) => p.startsWith('dist/') && p.endsWith('.js'))) {
      expect(readFileSync(`${ROOT}/${f}`, 'utf8'), f).not.toContain('sourceMappingURL');
    }
  });

  it('has no install-time scripts', () => {
    const scripts = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(Object.hasOwn(scripts, s), s).toBe(false);
    expect(scripts.prepack).toMatch(/build/);
  });

  it('holds every file the README links to', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '').filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(files, link).toContain(link);
  });

  it('is the size the README states', () => {
    const m = /mpsbench-[\d.]+\.tgz: (\d+) kB, ([\d.]+) MB unpacked, (\d+) files/.exec(readme);
    expect(m, 'README states the package size').not.toBeNull();
    const [kb, mb, count] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    const now = `${Math.round(info.size / 1000)} kB, ${(info.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${info.entryCount} files`;
    const off = (actual: number, stated: number): number => Math.abs(actual - stated) / stated;
    expect(Math.max(off(info.size / 1000, kb), off(info.unpackedSize / 1e6, mb), off(info.entryCount, count)), `README's npm pack line: now ${now}`).toBeLessThan(0.2);
  });
});
