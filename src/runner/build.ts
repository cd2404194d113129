/**
 * Builds native runners on first use with CMake, cached by a hash of the native sources, the
 * platform and the build options, so a changed source rebuilds and an unchanged one never does.
 * A missing toolchain or library becomes a `RunnerSetupError` that says what to install.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import lockfile from 'proper-lockfile';
import { RunnerSetupError } from '../errors.js';
import { info } from '../log.js';
import { cacheDir, NATIVE_DIR } from '../util/paths.js';
import { hasCommand } from './host.js';

/**
 * The CMake target of a native backend's runner. Every native backend folder defines
 * `mpsbench-runner-<backend>`; which backends are native is the registry's `native` flag.
 */
export function nativeTarget(backend: string): string {
  return `mpsbench-runner-${backend}`;
}

/** Top-level entries of native/ that are not runner sources: the tests are not built for users. */
const NOT_HASHED = new Set(['build', 'tests']);

async function listFiles(dir: string, top = false): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || (top ? NOT_HASHED.has(entry.name) : entry.name === 'build')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

/**
 * Hash of every native runner source (not native/tests/) plus platform and options: the cache key.
 * `sourceDir` is another checkout's native/ (a `--variant NAME:native=DIR`); its path is hashed
 * too, so two trees with equal sources still build (and are timed) apart.
 */
export async function nativeSourceHash(options: string[] = [], sourceDir = NATIVE_DIR): Promise<string> {
  const h = createHash('sha256');
  h.update(`${process.platform}-${process.arch}\0${options.join(' ')}\0`);
  if (sourceDir !== NATIVE_DIR) h.update(`${resolve(sourceDir)}\0`);
  for (const file of await listFiles(sourceDir, true)) {
    h.update(relative(sourceDir, file));
    h.update('\0');
    h.update(await readFile(file));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Build directory for the current sources. */
export async function nativeBuildDir(env: NodeJS.ProcessEnv = process.env, sourceDir = NATIVE_DIR): Promise<string> {
  return join(cacheDir(env), `native-${await nativeSourceHash([], sourceDir)}`);
}

/** A lock whose owner stopped refreshing it for this long (killed, crashed) is taken over. */
export const BUILD_LOCK_STALE_MS = 10_000;

/**
 * Runs `fn` holding the build directory's lock (proper-lockfile: a `.lock` directory whose mtime
 * its owner refreshes; one left by a dead owner goes stale and is taken over). The owner's pid and
 * host are recorded beside it, so a wait says whom it waits for; Ctrl-C (`signal`) ends the wait.
 */
export async function withBuildLock<T>(dir: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lockfilePath = join(dir, '.lock');
  const ownerFile = join(dir, '.lock-owner');
  let said = false;
  let release: (() => Promise<void>) | undefined;
  while (release === undefined) {
    if (signal?.aborted) throw new RunnerSetupError('the native build was interrupted');
    try {
      release = await lockfile.lock(dir, { lockfilePath, realpath: false, stale: BUILD_LOCK_STALE_MS, update: BUILD_LOCK_STALE_MS / 4, onCompromised: () => undefined });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (!said) info(`waiting for another mpsbench building in ${dir} (${await readFile(ownerFile, 'utf8').catch(() => 'owner unknown')})`);
      said = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await writeFile(ownerFile, `pid ${process.pid} on ${hostname()}`);
    return await fn();
  } finally {
    await rm(ownerFile, { force: true });
    await release().catch(() => undefined);
  }
}

function tailOf(text: string, lines = 25): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

async function checkTool(cmd: string, hint: string): Promise<void> {
  if (!(await hasCommand(cmd))) throw new RunnerSetupError(`${cmd} was not found; native runners need it to build`, hint);
}

/** Runs cmake, keeping its output for messages; `verbose` also streams it to stderr (never stdout). */
async function cmake(args: string[], verbose = false, signal?: AbortSignal): Promise<{ failed: boolean; all: string }> {
  const sub = execa('cmake', args, { reject: false, all: true, ...(signal ? { cancelSignal: signal, forceKillAfterDelay: 2000 } : {}) });
  if (verbose) sub.all.pipe(process.stderr, { end: false });
  const r = await sub;
  if (r.isCanceled) throw new RunnerSetupError('the native build was interrupted');
  return { failed: r.failed, all: r.all };
}

/** Creates the build directory; an unwritable cache (read-only or foreign HOME) says how to move it. */
async function makeCacheDir(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const where = env.MPSBENCH_CACHE_DIR ? 'MPSBENCH_CACHE_DIR' : 'the runner cache (under HOME or XDG_CACHE_HOME)';
    throw new RunnerSetupError(`cannot create ${dir} (${code}): ${where} is not writable`, 'set MPSBENCH_CACHE_DIR to a writable directory, e.g. MPSBENCH_CACHE_DIR=/tmp/mpsbench-cache');
  }
}

/** Options controlling a native build. */
export interface BuildOptions {
  /** Stream compiler output to stderr instead of keeping it for error messages. */
  verbose?: boolean;
  /** Rebuild even when a cached binary exists. */
  force?: boolean;
  /** Say on stderr that a build starts (default true; `mpsbench build` prints its own line). */
  announce?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The native/ tree to build (default: this package's). */
  sourceDir?: string;
  /** Aborting it (Ctrl-C) stops CMake and the wait for another build's lock. */
  signal?: AbortSignal;
}

/** Returns the path of a built native runner (`backend` is one the registry marks native), building it first if needed. */
export async function buildNativeRunner(backend: string, opts: BuildOptions = {}): Promise<string> {
  const target = nativeTarget(backend);
  const source = opts.sourceDir ?? NATIVE_DIR;
  if (source !== NATIVE_DIR && !existsSync(join(source, 'CMakeLists.txt'))) {
    throw new RunnerSetupError(`${source} is not a native runner source tree (no CMakeLists.txt)`, 'native=DIR names the native/ folder of an mpsbench checkout');
  }
  const dir = await nativeBuildDir(opts.env, source);
  const binary = join(dir, target);
  const stamp = join(dir, `.built-${target}`);
  if (!opts.force && existsSync(stamp) && existsSync(binary)) return binary;
  await makeCacheDir(dir, opts.env);
  return withBuildLock(dir, async () => {
    if (!opts.force && existsSync(stamp) && existsSync(binary)) return binary;
    if (opts.announce !== false) info(`building the ${backend} runner with CMake (first use of these sources; takes a while, then cached in ${dir})`);
    await checkTool('cmake', 'install CMake (Debian: apt-get install cmake; macOS: brew install cmake)');
    const configure = await cmake(['-S', source, '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DMPSBENCH_TESTS=OFF'], opts.verbose, opts.signal);
    if (configure.failed) {
      throw new RunnerSetupError(`configuring the native runners failed:\n${tailOf(configure.all)}`,
        'on Debian/Ubuntu: apt-get install cmake g++ libopenblas-dev; on macOS: xcode-select --install');
    }
    const build = await cmake(['--build', dir, '--target', target, '--parallel'], opts.verbose, opts.signal);
    if (build.failed || !existsSync(binary)) {
      throw new RunnerSetupError(`building ${target} failed:\n${tailOf(build.all)}`,
        `run "mpsbench build --verbose" to see the whole compiler output`);
    }
    await writeFile(stamp, new Date().toISOString());
    return binary;
  }, opts.signal);
}
