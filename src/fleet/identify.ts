/**
 * Identifies the device each backend of a result file ran on, so measurements from different
 * files and machines can be merged by chip: GPU backends by the runner's `device.name` (matched
 * to the chip table, with the GPU core count on Apple), CPU backends by the host's CPU model and
 * thread count (a 16-vCPU and a 64-vCPU slice of the same EPYC are different devices).
 */
import { matchChip } from './chips/match.js';
import type { ResultFile, RunnerRecord } from '../results/types.js';
import { isCpuBackend } from '../results/device-kind.js';
import type { Device } from './types.js';
import { own } from '../util/own.js';


/** A positive integer field of the runner's device record, if present. */
function deviceNumber(runner: RunnerRecord | undefined, field: string): number | undefined {
  const v = runner?.device[field];
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** The CPU device of a file: host CPU model plus the threads the runner used. */
function cpuDevice(file: ResultFile, runner: RunnerRecord | undefined): Device {
  const model = file.env.host.cpu.model.trim() || 'unknown CPU';
  const threads = deviceNumber(runner, 'threads') ?? file.env.host.cpu.logical;
  return {
    key: `cpu:${model}|${threads}`,
    label: `${model} (${threads} thread${threads === 1 ? '' : 's'})`,
    kind: 'cpu',
    cpuModel: model,
    threads,
  };
}

/** The GPU device of a backend: runner device name, else the first GPU the host reported. */
function gpuDevice(file: ResultFile, backend: string, runner: RunnerRecord | undefined): Device {
  const raw = runner?.device.name.trim() || file.env.gpus[0]?.name.trim() || `${backend} on ${file.env.machine}`;
  const gpuCores = deviceNumber(runner, 'gpu_cores') ?? (raw.startsWith('Apple') ? deviceNumber(runner, 'cores') : undefined);
  const chip = matchChip(raw);
  const cores = gpuCores === undefined ? '' : ` (${gpuCores}-core GPU)`;
  const device: Device = {
    key: `gpu:${chip?.id ?? raw.toLowerCase()}|${gpuCores ?? ''}`,
    label: `${chip?.name ?? raw}${cores}`,
    kind: 'gpu',
  };
  if (chip !== undefined) device.chip = chip;
  if (gpuCores !== undefined) device.gpuCores = gpuCores;
  return device;
}

/** The device `backend` ran on in `file`. */
export function identifyDevice(file: ResultFile, backend: string): Device {
  const runner = own(file.env.runners, backend);
  return isCpuBackend(backend, runner) ? cpuDevice(file, runner) : gpuDevice(file, backend, runner);
}
