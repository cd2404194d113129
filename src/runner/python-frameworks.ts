/**
 * The Python framework backends (`torch-*`, `jax-*`, `mlx-*`, `tf-*`), from one definition: each
 * framework is a runner script (runners/<name>/runner.py, on the shared runners/core) started
 * with `--device`, under the interpreter python.ts picks for that framework. A backend is
 * available when that interpreter imports the framework and the runner's own device check
 * (`runner.py --probe`) passes; otherwise the reason names the interpreter(s) tried.
 */
import { join } from 'node:path';
import { runnerEnv, type Availability, type BackendProvider, type LaunchOptions, type RunnerLaunchSpec } from './backend.js';
import { describePython, findFrameworkPython, noFrameworkReason, type PythonProbe } from './python.js';
import { RunnerSetupError } from '../errors.js';
import { PACKAGE_ROOT } from '../util/paths.js';

/** One device of a framework: its backend is `<framework>-<device>`. */
export interface FrameworkDevice {
  device: string;
  description: string;
  /** Only on macOS on Apple silicon (checked before any python is probed). */
  appleOnly?: boolean;
  /** Environment defaults for this device's runner (never overriding the caller's). */
  env?: Record<string, string>;
}

/** A Python framework mpsbench drives. */
export interface PythonFramework {
  /** Backend prefix and runners/ folder: torch, jax, mlx, tf. */
  name: string;
  /** What python imports (for messages): torch, jax, mlx.core, tensorflow. */
  module: string;
  /** How to install it, for the reason when no interpreter has it. */
  install: string;
  /** Written against the framework's documentation but never run by mpsbench's authors. */
  unverified?: string;
  devices: FrameworkDevice[];
}

const APPLE = 'needs macOS on Apple silicon (darwin/arm64)';
const UNVERIFIED = 'UNVERIFIED: written against its documented API; no machine mpsbench was developed on could install it';

/** The frameworks, in display order. */
export const PYTHON_FRAMEWORKS: PythonFramework[] = [
  {
    name: 'torch',
    module: 'torch',
    install: 'install PyTorch (pip install torch, or apt-get install python3-torch)',
    devices: [
      { device: 'cpu', description: 'PyTorch on the CPU (runners/torch; --python picks the interpreter)' },
      { device: 'cuda', description: 'PyTorch on an NVIDIA GPU (CUDA events for timing)' },
      { device: 'mps', description: 'PyTorch on the Apple GPU (Metal Performance Shaders)', appleOnly: true },
    ],
  },
  {
    name: 'jax',
    module: 'jax',
    install: 'install JAX (pip install jax; jax[cuda13] for NVIDIA, jax-metal for Apple GPUs)',
    devices: [
      { device: 'cpu', description: 'JAX (XLA) on the CPU (runners/jax)', env: { JAX_PLATFORMS: 'cpu' } },
      { device: 'cuda', description: 'JAX on an NVIDIA GPU (CUDA plugin; f32 at Precision.HIGHEST)' },
      { device: 'metal', description: "JAX on the Apple GPU (Apple's jax-metal plugin)", appleOnly: true },
    ],
  },
  {
    name: 'mlx',
    module: 'mlx.core',
    install: 'install MLX (pip install mlx)',
    unverified: UNVERIFIED,
    devices: [
      { device: 'gpu', description: 'MLX on the GPU (Metal on Apple silicon; runners/mlx)' },
      { device: 'cpu', description: 'MLX on the CPU' },
    ],
  },
  {
    name: 'tf',
    module: 'tensorflow',
    install: 'install TensorFlow (pip install tensorflow; tensorflow-metal on macOS for the GPU)',
    unverified: UNVERIFIED,
    devices: [
      { device: 'cpu', description: 'TensorFlow on the CPU (runners/tf)' },
      { device: 'gpu', description: 'TensorFlow on the GPU (CUDA on Linux, the tensorflow-metal plugin on macOS)' },
    ],
  },
];

/** Hello deadline: importing a framework and the first device use (CUDA context, Metal) take seconds. */
const HELLO_TIMEOUT_MS = 180_000;

/** The runner script of a framework, shipped in the package. */
export function runnerScript(fw: PythonFramework): string {
  return join(PACKAGE_ROOT, 'runners', fw.name, 'runner.py');
}

/** Whether `device` can be used, from the probe of the chosen interpreter, and why not. */
export function deviceAvailability(fw: PythonFramework, device: string, probe: PythonProbe): Availability {
  const where = `${fw.module} ${probe.version ?? '?'} in ${describePython(probe)}`;
  const problem = probe.devices[device];
  if (problem === undefined) return { available: false, reason: `${where}: the runner's probe did not report ${device}` };
  if (problem !== null) return { available: false, reason: `${problem}, in ${describePython(probe)}` };
  const detail = `python: ${describePython(probe)}, ${fw.module} ${probe.version ?? '?'}`;
  return { available: true, detail: fw.unverified ? `${detail}; ${fw.unverified}` : detail };
}

async function probeDevice(fw: PythonFramework, dev: FrameworkDevice, env: NodeJS.ProcessEnv): Promise<Availability> {
  if (dev.appleOnly === true && (process.platform !== 'darwin' || process.arch !== 'arm64')) {
    return { available: false, reason: `${fw.name}-${dev.device} ${APPLE}` };
  }
  const choice = await findFrameworkPython(runnerScript(fw), env);
  if (!choice.found) return { available: false, reason: noFrameworkReason(choice, fw.module, fw.install) };
  const found = deviceAvailability(fw, dev.device, choice.found);
  const skipped = choice.tried.filter((p) => p !== choice.found).map((p) => `${p.python} has no ${fw.module}`);
  return found.available && skipped.length > 0 ? { ...found, detail: `${found.detail ?? ''} (${skipped.join('; ')})` } : found;
}

/** The launch spec of a framework's runner for one device, under `python`. */
export function frameworkLaunchSpec(fw: PythonFramework, dev: FrameworkDevice, python: string, opts: LaunchOptions): RunnerLaunchSpec {
  const base = opts.env ?? process.env;
  const defaults = Object.fromEntries(Object.entries(dev.env ?? {}).filter(([k]) => base[k] === undefined));
  return {
    backend: `${fw.name}-${dev.device}`,
    command: [python, runnerScript(fw), '--device', dev.device],
    env: runnerEnv(opts, { ...defaults, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' }),
    helloTimeoutMs: HELLO_TIMEOUT_MS,
  };
}

/** One backend: a framework on one device. */
export function frameworkBackend(fw: PythonFramework, dev: FrameworkDevice): BackendProvider {
  return {
    name: `${fw.name}-${dev.device}`,
    description: fw.unverified ? `${dev.description} (unverified: never run; docs/runners.md)` : dev.description,
    probe: () => probeDevice(fw, dev, process.env),
    async launch(opts) {
      const choice = await findFrameworkPython(runnerScript(fw), opts.env ?? process.env);
      if (!choice.found) throw new RunnerSetupError(noFrameworkReason(choice, fw.module, fw.install));
      return frameworkLaunchSpec(fw, dev, choice.found.executable ?? choice.found.python, opts);
    },
  };
}

/** Every Python framework backend, in display order. */
export const PYTHON_BACKENDS: BackendProvider[] = PYTHON_FRAMEWORKS.flatMap((fw) => fw.devices.map((dev) => frameworkBackend(fw, dev)));
