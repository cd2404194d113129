import { describe, expect, it } from 'vitest';
import { noFrameworkReason, parseProbeOutput, pythonCandidates, SYSTEM_PYTHON } from '../../../src/runner/python.js';
import { deviceAvailability, frameworkLaunchSpec, PYTHON_FRAMEWORKS, runnerScript } from '../../../src/runner/python-frameworks.js';
import { backendNames, getBackend } from '../../../src/runner/registry.js';

const withTorch = JSON.stringify({
  executable: '/usr/bin/python3.11', python: '3.11.2', framework: 'torch', version: '1.13.0a0',
  devices: { cpu: null, cuda: 'torch 1.13.0a0 was built without CUDA', mps: 'torch 1.13.0a0 was built without MPS' },
});

function framework(name: string) {
  const fw = PYTHON_FRAMEWORKS.find((f) => f.name === name);
  if (!fw) throw new Error(`no framework ${name}`);
  return fw;
}

describe('python probe parsing', () => {
  it('reads the last JSON line, ignoring noise printed before it', () => {
    const p = parseProbeOutput('python3', `warning: something\n${withTorch}\n`);
    expect(p).toMatchObject({ python: 'python3', executable: '/usr/bin/python3.11', pythonVersion: '3.11.2', version: '1.13.0a0' });
    expect(p.devices).toEqual({ cpu: null, cuda: 'torch 1.13.0a0 was built without CUDA', mps: 'torch 1.13.0a0 was built without MPS' });
    expect(p.error).toBeUndefined();
  });

  it('reports an import failure and unreadable output as errors, and keeps only string-or-null device entries', () => {
    const missing = parseProbeOutput('python3', '{"executable": "/x/python3", "python": "3.12.0", "error": "ModuleNotFoundError: No module named \'jax\'"}');
    expect(missing.version).toBeUndefined();
    expect(missing.error).toContain('No module named');
    expect(parseProbeOutput('p', 'nothing here').error).toContain('no result');
    expect(parseProbeOutput('p', '{broken').error).toContain('unreadable');
    expect(parseProbeOutput('p', '{"version": "1", "devices": {"cpu": null, "gpu": 3, "__proto__": "x"}}').devices).toEqual({ cpu: null });
  });
});

describe('python selection', () => {
  it('uses MPSBENCH_PYTHON alone when set, else python3 then the system python', () => {
    expect(pythonCandidates({ MPSBENCH_PYTHON: '/opt/py/bin/python' }, true)).toEqual({ list: ['/opt/py/bin/python'], explicit: true });
    expect(pythonCandidates({}, true)).toEqual({ list: ['python3', SYSTEM_PYTHON], explicit: false });
    expect(pythonCandidates({}, false)).toEqual({ list: ['python3'], explicit: false });
  });

  it('explains a missing framework, naming every interpreter tried and the remedy', () => {
    const reason = noFrameworkReason({
      explicit: false,
      tried: [{ python: 'python3', pythonVersion: '3.12.1', error: "ModuleNotFoundError: No module named 'torch'", devices: {} }, { python: SYSTEM_PYTHON, error: 'not found', devices: {} }],
    }, 'torch', framework('torch').install);
    expect(reason).toContain('python3 (Python 3.12.1): no torch');
    expect(reason).toContain(`${SYSTEM_PYTHON}: not found`);
    expect(reason).toContain('apt-get install python3-torch');
  });
});

describe('python framework backends', () => {
  const probe = parseProbeOutput('python3', withTorch);

  it("take availability from the runner's own device check", () => {
    const torch = framework('torch');
    expect(deviceAvailability(torch, 'cpu', probe)).toMatchObject({ available: true, detail: 'python: python3 (/usr/bin/python3.11, Python 3.11.2), torch 1.13.0a0' });
    expect(deviceAvailability(torch, 'cuda', probe).reason).toContain('built without CUDA');
    expect(deviceAvailability(torch, 'metal', probe).reason).toContain('did not report metal');
  });

  it('say in list that MLX and TensorFlow are unverified', () => {
    for (const name of ['mlx-gpu', 'mlx-cpu', 'tf-gpu', 'tf-cpu']) expect(getBackend(name)?.description).toContain('(unverified: never run');
    for (const name of ['torch-cpu', 'jax-cuda']) expect(getBackend(name)?.description).not.toContain('unverified');
    const mlx = framework('mlx');
    expect(deviceAvailability(mlx, 'cpu', { ...probe, devices: { cpu: null } }).detail).toContain('UNVERIFIED');
  });

  it('launch the shipped runner with the device, the thread count and device defaults that never override the caller', () => {
    const jax = framework('jax');
    const cpu = jax.devices.find((d) => d.device === 'cpu');
    if (!cpu) throw new Error('no jax cpu');
    const spec = frameworkLaunchSpec(jax, cpu, '/usr/bin/python3', { threads: 4, env: {} });
    expect(spec.command).toEqual(['/usr/bin/python3', runnerScript(jax), '--device', 'cpu']);
    expect(spec.backend).toBe('jax-cpu');
    expect(spec.env).toMatchObject({ MPSBENCH_THREADS: '4', JAX_PLATFORMS: 'cpu', PYTHONUNBUFFERED: '1' });
    expect(frameworkLaunchSpec(jax, cpu, 'python3', { env: { JAX_PLATFORMS: 'cpu,cuda' } }).env.JAX_PLATFORMS).toBe('cpu,cuda');
  });

  it('are registered beside the native backends, one per framework device', () => {
    expect(backendNames()).toEqual(expect.arrayContaining([
      'cpu', 'torch-cpu', 'torch-cuda', 'torch-mps', 'jax-cpu', 'jax-cuda', 'jax-metal', 'mlx-gpu', 'mlx-cpu', 'tf-cpu', 'tf-gpu',
    ]));
    expect(getBackend('torch-mps')?.description).toContain('Apple GPU');
  });
});
