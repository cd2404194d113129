/**
 * Which python runs the PyTorch runner, and what its torch can do. `--python PATH` (the CLI puts it
 * in MPSBENCH_PYTHON) or MPSBENCH_PYTHON names one interpreter; otherwise `python3` on PATH, and,
 * when that one lacks torch, `/usr/bin/python3` (Debian's python3-torch lives there while PATH
 * often points at a pyenv or venv python). Each interpreter is probed once per process by a short,
 * time-boxed script; the answer is cached.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';

/** What the probe script reports about one interpreter. */
export interface TorchProbe {
  /** The command that was run (`python3`, a path). */
  python: string;
  /** `sys.executable`: the interpreter's real path. */
  executable?: string;
  pythonVersion?: string;
  /** torch.__version__, when torch imports. */
  torch?: string;
  /** Why the interpreter could not be used or torch did not import. */
  error?: string;
  cudaBuilt?: string | null;
  cuda: boolean;
  cudaDevices: number;
  mpsBuilt: boolean;
  mps: boolean;
}

/** The interpreter chosen for the PyTorch backends, or why there is none. */
export interface PythonChoice {
  /** The probe of the interpreter with torch, when one was found. */
  found?: TorchProbe;
  /** Every interpreter tried, in order. */
  tried: TorchProbe[];
  /** Whether the user named the interpreter (no fallback then). */
  explicit: boolean;
}

/** Fallback interpreter on Debian and Ubuntu, where `apt-get install python3-torch` puts torch. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
const PROBE_TIMEOUT_MS = 90_000;

/** The probe script: prints one JSON object, never raises. */
export const PROBE_SCRIPT = `
import json, platform, sys
out = {"executable": sys.executable, "version": platform.python_version()}
try:
    import torch
    out["torch"] = torch.__version__
    out["cuda_built"] = torch.version.cuda
    out["cuda"] = bool(torch.cuda.is_available())
    out["cuda_devices"] = torch.cuda.device_count() if out["cuda"] else 0
    mps = getattr(torch.backends, "mps", None)
    out["mps_built"] = bool(mps is not None and mps.is_built())
    out["mps"] = bool(mps is not None and mps.is_available())
except Exception as exc:
    out["error"] = "%s: %s" % (type(exc).__name__, exc)
print(json.dumps(out))
`;

/** Parses the probe script's output (the last line that is a JSON object). */
export function parseProbeOutput(python: string, stdout: string): TorchProbe {
  const line = stdout.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
  const base: TorchProbe = { python, cuda: false, cudaDevices: 0, mpsBuilt: false, mps: false };
  if (line === undefined) return { ...base, error: 'the probe script printed no result' };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { ...base, error: `unreadable probe output: ${line.slice(0, 120)}` };
  }
  const str = (k: string): string | undefined => (typeof raw[k] === 'string' ? raw[k] : undefined);
  const probe: TorchProbe = {
    ...base,
    cuda: raw.cuda === true,
    cudaDevices: typeof raw.cuda_devices === 'number' ? raw.cuda_devices : 0,
    mpsBuilt: raw.mps_built === true,
    mps: raw.mps === true,
    cudaBuilt: str('cuda_built') ?? null,
  };
  for (const [key, value] of [['executable', str('executable')], ['pythonVersion', str('version')], ['torch', str('torch')], ['error', str('error')]] as const) {
    if (value !== undefined) probe[key] = value;
  }
  if (probe.torch === undefined && probe.error === undefined) probe.error = 'torch did not report a version';
  return probe;
}

/** Runs the probe script with one interpreter. */
export async function probePython(python: string): Promise<TorchProbe> {
  const r = await execa(python, ['-c', PROBE_SCRIPT], { reject: false, timeout: PROBE_TIMEOUT_MS, stdin: 'ignore' });
  const base: TorchProbe = { python, cuda: false, cudaDevices: 0, mpsBuilt: false, mps: false };
  if (r.timedOut) return { ...base, error: `timed out after ${PROBE_TIMEOUT_MS / 1000} s` };
  if (r.failed && (r.exitCode === undefined || r.exitCode === 127)) return { ...base, error: 'not found' };
  if (r.failed && r.stdout.trim() === '') {
    return { ...base, error: `exited with status ${r.exitCode ?? '?'}: ${r.stderr.trim().split('\n').pop() ?? ''}` };
  }
  return parseProbeOutput(python, r.stdout);
}

/** Interpreters to try, in order: the named one, or python3 then the system python. */
export function pythonCandidates(env: NodeJS.ProcessEnv, systemPythonExists = existsSync(SYSTEM_PYTHON)): { list: string[]; explicit: boolean } {
  const named = env.MPSBENCH_PYTHON?.trim();
  if (named) return { list: [named], explicit: true };
  return { list: systemPythonExists ? ['python3', SYSTEM_PYTHON] : ['python3'], explicit: false };
}

const cache = new Map<string, Promise<PythonChoice>>();

/** Finds the interpreter for the PyTorch backends (cached per process and per MPSBENCH_PYTHON). */
export function findTorchPython(env: NodeJS.ProcessEnv = process.env): Promise<PythonChoice> {
  const { list, explicit } = pythonCandidates(env);
  const key = list.join('\0');
  let choice = cache.get(key);
  if (!choice) {
    choice = (async () => {
      const tried: TorchProbe[] = [];
      for (const python of list) {
        const probe = await probePython(python);
        tried.push(probe);
        if (probe.torch !== undefined) return { found: probe, tried, explicit };
      }
      return { tried, explicit };
    })();
    cache.set(key, choice);
  }
  return choice;
}

/** One line on an interpreter: `python3 (/usr/bin/python3.11, Python 3.11.2)`. */
export function describePython(p: TorchProbe): string {
  const facts = [p.executable && p.executable !== p.python ? p.executable : undefined, p.pythonVersion && `Python ${p.pythonVersion}`];
  const shown = facts.filter((f): f is string => typeof f === 'string' && f !== '');
  return shown.length > 0 ? `${p.python} (${shown.join(', ')})` : p.python;
}

/** Why no interpreter with torch was found, naming each one tried and the remedy. */
export function noTorchReason(choice: PythonChoice): string {
  const parts = choice.tried.map((p) => `${describePython(p)}: ${p.error === 'not found' ? 'not found' : `no torch (${p.error ?? '?'})`}`);
  const remedy = choice.explicit ? 'check --python / MPSBENCH_PYTHON' : 'install PyTorch (pip install torch, or apt-get install python3-torch) or pass --python PATH';
  return `no python with torch: ${parts.join('; ')}; ${remedy}`;
}
