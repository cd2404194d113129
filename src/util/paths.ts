/**
 * Where mpsbench's own files are: the package root (suites, native sources, schema) and the
 * cache directory for built runners. Both work from `dist/` and from `src/` under the tests.
 */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the installed package (the directory holding package.json). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Native sources (CMake project). */
export const NATIVE_DIR = join(PACKAGE_ROOT, 'native');

/**
 * Cache for built runners: `MPSBENCH_CACHE_DIR`, else the platform's user cache directory
 * (`~/Library/Caches/mpsbench` on macOS, `$XDG_CACHE_HOME/mpsbench` or `~/.cache/mpsbench` elsewhere).
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MPSBENCH_CACHE_DIR) return resolve(env.MPSBENCH_CACHE_DIR);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'mpsbench');
  // XDG: an empty XDG_CACHE_HOME counts as unset; a relative one is ignored.
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'mpsbench');
}
