import { describe, expect, it } from 'vitest';
import { noTorchReason, parseProbeOutput, pythonCandidates, SYSTEM_PYTHON } from '../../../src/runner/python.js';
import { deviceAvailability, torchLaunchSpec, TORCH_RUNNER } from '../../../src/runner/torch.js';
import { backendNames, getBackend } from '../../../src/runner/registry.js';

const withTorch = JSON.stringify({
  executable: '/usr/bin/python3.11', version: '3.11.2', torch: '1.13.0a0', cuda_built: null,
  cuda: false, cuda_devices: 0, mps_built: false, mps: false,
});

describe('python probe parsing', () => {
  it('reads the last JSON line, ignoring noise printed before it', () => {
    const p = parseProbeOutput('python3', `warning: something\n${withTorch}\n`);
    expect(p).toMatchObject({ python: 'python3', executable: '/usr/bin/python3.11', torch: '1.13.0a0', cuda: false, cudaBuilt: null });
    expect(p.error).toBeUndefined();
  });

  it('reports an import failure and unreadable output as errors', () => {
    const missing = parseProbeOutput('python3', '{"executable": "/x/python3", "version": "3.12.0", "error": "ModuleNotFoundError: No module named \'torch\'"}');
    expect(missing.torch).toBeUndefined();
    expect(missing.error).toContain('No module named');
    expect(parseProbeOutput('p', 'nothing here').error).toContain('no result');
    expect(parseProbeOutput('p', '{broken').error).toContain('unreadable');
  });
});

describe('python selection', () => {
  it('uses MPSBENCH_PYTHON alone when set, else python3 then the system python', () => {
    expect(pythonCandidates({ MPSBENCH_PYTHON: '/opt/py/bin/python' }, true)).toEqual({ list: ['/opt/py/bin/python'], explicit: true });
    expect(pythonCandidates({}, true)).toEqual({ list: ['python3', SYSTEM_PYTHON], explicit: false });
    expect(pythonCandidates({}, false)).toEqual({ list: ['python3'], explicit: false });
  });

  it('explains a missing torch, naming every interpreter tried and the remedy', () => {
    const base = { cuda: false, cudaDevices: 0, mpsBuilt: false, mps: false };
    const reason = noTorchReason({
      explicit: false,
      tried: [{ ...base, python: 'python3', pythonVersion: '3.12.1', error: "ModuleNotFoundError: No module named 'torch'" }, { ...base, python: SYSTEM_PYTHON, error: 'not found' }],
    });
    expect(reason).toContain('python3 (Python 3.12.1): no torch');
    expect(reason).toContain(`${SYSTEM_PYTHON}: not found`);
    expect(reason).toContain('apt-get install python3-torch');
  });
});

describe('torch backends', () => {
  const probe = parseProbeOutput('python3', withTorch);

  it('says why cuda and mps are unavailable', () => {
    expect(deviceAvailability('cpu', probe)).toMatchObject({ available: true });
    expect(deviceAvailability('cuda', probe).reason).toContain('built without CUDA');
    expect(deviceAvailability('cuda', { ...probe, cudaBuilt: '12.1' }).reason).toContain('sees no CUDA device');
    expect(deviceAvailability('cuda', { ...probe, cudaBuilt: '12.1', cuda: true }).available).toBe(true);
    expect(deviceAvailability('mps', probe, 'linux').reason).toContain('macOS');
    expect(deviceAvailability('mps', { ...probe, mpsBuilt: true }, 'darwin').reason).toContain('MPS is not available');
    expect(deviceAvailability('mps', { ...probe, mpsBuilt: true, mps: true }, 'darwin').available).toBe(true);
  });

  it('launches the shipped runner with the device and the thread count', () => {
    const spec = torchLaunchSpec('cuda', '/usr/bin/python3', { threads: 4, env: {} });
    expect(spec.command).toEqual(['/usr/bin/python3', TORCH_RUNNER, '--device', 'cuda']);
    expect(spec.backend).toBe('torch-cuda');
    expect(spec.env.MPSBENCH_THREADS).toBe('4');
  });

  it('are registered beside the native backends', () => {
    expect(backendNames()).toEqual(expect.arrayContaining(['cpu', 'torch-cpu', 'torch-cuda', 'torch-mps']));
    expect(getBackend('torch-mps')?.description).toContain('Apple GPU');
  });
});
