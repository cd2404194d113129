/**
 * The PyTorch backends `torch-cpu`, `torch-cuda` and `torch-mps`: one Python runner
 * (runners/torch/runner.py) started with `--device`, under the interpreter python.ts picks. A
 * backend is available when that interpreter imports torch and torch sees the device; otherwise
 * the reason names the interpreter(s) tried.
 */
import { join } from 'node:path';
import { runnerEnv, type Availability, type BackendProvider, type LaunchOptions, type RunnerLaunchSpec } from './backend.js';
import { describePython, findTorchPython, noTorchReason, type TorchProbe } from './python.js';
import { RunnerSetupError } from '../errors.js';
import { PACKAGE_ROOT } from '../util/paths.js';

/** The PyTorch runner script shipped in the package. */
export const TORCH_RUNNER = join(PACKAGE_ROOT, 'runners', 'torch', 'runner.py');

/** torch devices mpsbench drives. */
export type TorchDevice = 'cpu' | 'cuda' | 'mps';

/** Hello deadline: importing torch and the first device use (CUDA context, Metal) take seconds. */
const HELLO_TIMEOUT_MS = 180_000;

/** Whether torch (as probed) can use `device`, and why not. */
export function deviceAvailability(device: TorchDevice, probe: TorchProbe, platform: NodeJS.Platform = process.platform): Availability {
  const where = `torch ${probe.torch ?? '?'} in ${describePython(probe)}`;
  if (device === 'cuda') {
    if (!probe.cudaBuilt) return { available: false, reason: `${where} was built without CUDA` };
    if (!probe.cuda) return { available: false, reason: `${where} sees no CUDA device (torch.cuda.is_available() is False)` };
  }
  if (device === 'mps') {
    if (platform !== 'darwin') return { available: false, reason: 'MPS needs macOS on Apple silicon' };
    if (!probe.mpsBuilt) return { available: false, reason: `${where} was built without MPS` };
    if (!probe.mps) return { available: false, reason: `${where}: MPS is not available (needs macOS 12.3+ on Apple silicon)` };
  }
  return { available: true, detail: `python: ${describePython(probe)}, torch ${probe.torch ?? '?'}` };
}

async function probeTorch(device: TorchDevice, env: NodeJS.ProcessEnv): Promise<Availability> {
  if (device === 'mps' && (process.platform !== 'darwin' || process.arch !== 'arm64')) {
    return { available: false, reason: 'MPS needs macOS on Apple silicon (darwin/arm64)' };
  }
  const choice = await findTorchPython(env);
  if (!choice.found) return { available: false, reason: noTorchReason(choice) };
  const found = deviceAvailability(device, choice.found);
  const skipped = choice.tried.filter((p) => p !== choice.found).map((p) => `${p.python} has no torch`);
  return found.available && skipped.length > 0 ? { ...found, detail: `${found.detail ?? ''} (${skipped.join('; ')})` } : found;
}

/** The launch spec of the PyTorch runner for `device`, under `python`. */
export function torchLaunchSpec(device: TorchDevice, python: string, opts: LaunchOptions): RunnerLaunchSpec {
  return { backend: `torch-${device}`, command: [python, TORCH_RUNNER, '--device', device], env: runnerEnv(opts, { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' }), helloTimeoutMs: HELLO_TIMEOUT_MS };
}

/** One PyTorch backend. */
export function torchBackend(device: TorchDevice, description: string): BackendProvider {
  return {
    name: `torch-${device}`,
    description,
    probe: () => probeTorch(device, process.env),
    async launch(opts) {
      const choice = await findTorchPython(opts.env ?? process.env);
      if (!choice.found) throw new RunnerSetupError(noTorchReason(choice));
      return torchLaunchSpec(device, choice.found.executable ?? choice.found.python, opts);
    },
  };
}

/** The three PyTorch backends, in display order. */
export const TORCH_BACKENDS: BackendProvider[] = [
  torchBackend('cpu', 'PyTorch on the CPU (runners/torch/runner.py; --python picks the interpreter)'),
  torchBackend('cuda', 'PyTorch on an NVIDIA GPU (CUDA events for timing)'),
  torchBackend('mps', 'PyTorch on the Apple GPU (Metal Performance Shaders)'),
];
