/**
 * The backends mpsbench knows and how to start each one's runner. A backend is *available* when
 * its quick probe passes (toolchain, platform, device); building or starting it may still fail,
 * which the scheduler records per case. Later backends register here and nowhere else.
 */
import { UsageError } from '../errors.js';
import { buildNativeRunner } from './build.js';
import { runnerEnv, type Availability, type BackendProvider } from './backend.js';
import { checkNotBuiltin, customBackend } from './custom.js';
import type { CustomRunner } from '../types.js';
import { hasCommand, noAppleSilicon } from './host.js';
import { PYTHON_BACKENDS } from './python-frameworks.js';


function nativeBackend(name: string, description: string, probe: () => Promise<Availability>): BackendProvider {
  return {
    name,
    description,
    native: true,
    probe,
    async launch(opts) {
      const binary = await buildNativeRunner(name, { verbose: opts.verboseBuild ?? false, env: opts.env ?? process.env, ...(opts.nativeDir !== undefined ? { sourceDir: opts.nativeDir } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
      return { backend: name, command: [binary], env: runnerEnv(opts), helloTimeoutMs: 30_000 };
    },
  };
}

async function probeCpu(): Promise<Availability> {
  if (!(await hasCommand('cmake'))) return { available: false, reason: 'cmake not found (needed to build the native runner)' };
  const cxx = process.env.CXX ?? (process.platform === 'darwin' ? 'clang++' : 'c++');
  if (!(await hasCommand(cxx))) return { available: false, reason: `C++ compiler ${cxx} not found` };
  return { available: true };
}

async function probeCuda(): Promise<Availability> {
  if (process.platform === 'darwin') return { available: false, reason: 'CUDA does not exist on macOS' };
  if (!(await hasCommand('nvcc'))) return { available: false, reason: 'nvcc not found (install the CUDA toolkit)' };
  if (!(await hasCommand('nvidia-smi', ['-L']))) return { available: false, reason: 'no NVIDIA GPU or driver (nvidia-smi -L failed)' };
  return probeCpu();
}

async function probeMps(): Promise<Availability> {
  const reason = noAppleSilicon();
  return reason ? { available: false, reason } : probeCpu();
}

/** Every backend mpsbench can drive, in display order. */
export const BACKENDS: BackendProvider[] = [
  nativeBackend('cpu', 'native C++ runner on the CPU BLAS (Accelerate on macOS, OpenBLAS on Linux)', probeCpu),
  nativeBackend('cuda', 'native C++ runner on cuBLAS and cuDNN', probeCuda),
  nativeBackend('mps', 'native Objective-C++ runner on MPSGraph (Apple GPU)', probeMps),
  ...PYTHON_BACKENDS,
];

/** The backends one run can use: the built-in ones, then its custom runners. */
export interface BackendRegistry {
  /** Finds a backend by name. */
  get(name: string): BackendProvider | undefined;
  /** Every name, built-in first. */
  names(): string[];
}

/**
 * A registry of the built-in backends plus `custom` runners (`--runner`, suite `runners:`).
 * Refuses a custom runner named like a built-in backend, and one name declared twice with
 * different commands. A value, not process state: each run (and each test) builds its own.
 */
export function backendRegistry(custom: readonly CustomRunner[] = []): BackendRegistry {
  const commands = new Map<string, string>();
  const extra: BackendProvider[] = [];
  for (const r of custom) {
    checkNotBuiltin(r, BACKENDS.map((b) => b.name));
    const command = JSON.stringify(r.command);
    const existing = commands.get(r.name);
    if (existing === command) continue;
    if (existing !== undefined) throw new UsageError(`custom runner "${r.name}" is declared twice with different commands`);
    commands.set(r.name, command);
    extra.push(customBackend(r));
  }
  const all = [...BACKENDS, ...extra];
  return { get: (name) => all.find((b) => b.name === name), names: () => all.map((b) => b.name) };
}

/** Names of the built-in backends whose runners are built from native/ (`mpsbench build`). */
export function nativeBackendNames(): string[] {
  return BACKENDS.filter((b) => b.native === true).map((b) => b.name);
}

/** Finds a built-in backend by name. */
export function getBackend(name: string): BackendProvider | undefined {
  return BACKENDS.find((b) => b.name === name);
}

/** Names of the built-in backends, in display order. */
export function backendNames(): string[] {
  return BACKENDS.map((b) => b.name);
}
