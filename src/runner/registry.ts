/**
 * The backends mpsbench knows and how to start each one's runner. A backend is *available* when
 * its quick probe passes (toolchain, platform, device); building or starting it may still fail,
 * which the scheduler records per case. Later backends register here and nowhere else.
 */
import { execa } from 'execa';
import { UsageError } from '../errors.js';
import { buildNativeRunner } from './build.js';
import { runnerEnv, type Availability, type BackendProvider } from './backend.js';
import { checkNotBuiltin, customBackend } from './custom.js';
import type { CustomRunner } from '../types.js';
import { PYTHON_BACKENDS } from './python-frameworks.js';


async function hasCommand(cmd: string, args = ['--version']): Promise<boolean> {
  const r = await execa(cmd, args, { reject: false, timeout: 10_000 });
  return !r.failed;
}

function nativeBackend(name: string, description: string, probe: () => Promise<Availability>): BackendProvider {
  return {
    name,
    description,
    native: true,
    probe,
    async launch(opts) {
      const binary = await buildNativeRunner(name, { verbose: opts.verboseBuild ?? false, env: opts.env ?? process.env, ...(opts.nativeDir !== undefined ? { sourceDir: opts.nativeDir } : {}) });
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
  if (process.platform !== 'darwin' || process.arch !== 'arm64') {
    return { available: false, reason: 'MPS needs macOS on Apple silicon (darwin/arm64)' };
  }
  return probeCpu();
}

/** Every backend mpsbench can drive, in display order. */
export const BACKENDS: BackendProvider[] = [
  nativeBackend('cpu', 'native C++ runner on the CPU BLAS (Accelerate on macOS, OpenBLAS on Linux)', probeCpu),
  nativeBackend('cuda', 'native C++ runner on cuBLAS and cuDNN', probeCuda),
  nativeBackend('mps', 'native Objective-C++ runner on MPSGraph (Apple GPU)', probeMps),
  ...PYTHON_BACKENDS,
];

/** Custom runners registered in this process (`--runner`, suite `runners:`). */
const CUSTOM: BackendProvider[] = [];
const CUSTOM_COMMANDS = new Map<string, string>();

/** Registers a custom runner; refuses built-in names, and a second, different command for a name. */
export function registerCustomRunner(r: CustomRunner): void {
  checkNotBuiltin(r, BACKENDS.map((b) => b.name));
  const command = JSON.stringify(r.command);
  const existing = CUSTOM_COMMANDS.get(r.name);
  if (existing === command) return;
  if (existing !== undefined) throw new UsageError(`custom runner "${r.name}" is declared twice with different commands`);
  CUSTOM_COMMANDS.set(r.name, command);
  CUSTOM.push(customBackend(r));
}

/** Names of the built-in backends whose runners are built from native/ (`mpsbench build`). */
export function nativeBackendNames(): string[] {
  return BACKENDS.filter((b) => b.native === true).map((b) => b.name);
}

/** Finds a backend by name. */
export function getBackend(name: string): BackendProvider | undefined {
  return BACKENDS.find((b) => b.name === name) ?? CUSTOM.find((b) => b.name === name);
}

/** Names of all known backends (built-in, then custom runners registered so far). */
export function backendNames(): string[] {
  return [...BACKENDS, ...CUSTOM].map((b) => b.name);
}
