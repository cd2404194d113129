/**
 * Which python runs a framework runner, and what that framework can do there. `--python PATH`
 * (the CLI puts it in MPSBENCH_PYTHON) or MPSBENCH_PYTHON names one interpreter; otherwise
 * `python3` on PATH and, when that one lacks the framework, `/usr/bin/python3` (Debian's
 * python3-torch lives there while PATH often points at a pyenv or venv python). Each interpreter
 * is asked by the framework's own runner (`runner.py --probe`: does the framework import, which
 * devices does it see), once per process, time-boxed; the answer is cached.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';

/** What `runner.py --probe` reports about one interpreter. */
export interface PythonProbe {
  /** The command that was run (`python3`, a path). */
  python: string;
  /** `sys.executable`: the interpreter's real path. */
  executable?: string;
  pythonVersion?: string;
  /** The framework's version, when it (and numpy) import. */
  version?: string;
  /** Why the interpreter could not be used or the framework did not import. */
  error?: string;
  /** Per device: null when usable, else why not (the runner's own device check). */
  devices: Record<string, string | null>;
}

/** The interpreter chosen for a framework, or why there is none. */
export interface PythonChoice {
  /** The probe of the interpreter with the framework, when one was found. */
  found?: PythonProbe;
  /** Every interpreter tried, in order. */
  tried: PythonProbe[];
  /** Whether the user named the interpreter (no fallback then). */
  explicit: boolean;
}

/** Fallback interpreter on Debian and Ubuntu, where `apt-get install python3-torch` puts torch. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
const PROBE_TIMEOUT_MS = 90_000;

function str(raw: Record<string, unknown>, key: string): string | undefined {
  const v = raw[key];
  return typeof v === 'string' ? v.slice(0, 500) : undefined;
}

function devicesOf(raw: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [device, problem] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(device)) continue; // device names only (no __proto__)
    if (problem === null) out[device] = null;
    else if (typeof problem === 'string') out[device] = problem.slice(0, 500);
  }
  return out;
}

/** Parses the probe's output (the last line that is a JSON object). */
export function parseProbeOutput(python: string, stdout: string): PythonProbe {
  const line = stdout.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
  const base: PythonProbe = { python, devices: {} };
  if (line === undefined) return { ...base, error: 'the probe printed no result' };
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ...base, error: `unreadable probe output: ${line.slice(0, 120)}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...base, error: 'the probe printed no object' };
  const obj = raw as Record<string, unknown>;
  const probe: PythonProbe = { ...base, devices: devicesOf(obj.devices) };
  for (const [key, value] of [['executable', str(obj, 'executable')], ['pythonVersion', str(obj, 'python')], ['version', str(obj, 'version')], ['error', str(obj, 'error')]] as const) {
    if (value !== undefined) probe[key] = value;
  }
  if (probe.version === undefined && probe.error === undefined) probe.error = 'the framework did not report a version';
  return probe;
}

/** Runs `python runnerScript --probe`. */
export async function probePython(python: string, runnerScript: string): Promise<PythonProbe> {
  const r = await execa(python, [runnerScript, '--probe'], { reject: false, timeout: PROBE_TIMEOUT_MS, stdin: 'ignore' });
  const base: PythonProbe = { python, devices: {} };
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

/** The first interpreter whose `runnerScript --probe` imports its framework (cached per process). */
export function findFrameworkPython(runnerScript: string, env: NodeJS.ProcessEnv = process.env): Promise<PythonChoice> {
  const { list, explicit } = pythonCandidates(env);
  const key = [runnerScript, ...list].join('\0');
  let choice = cache.get(key);
  if (!choice) {
    choice = (async () => {
      const tried: PythonProbe[] = [];
      for (const python of list) {
        const probe = await probePython(python, runnerScript);
        tried.push(probe);
        if (probe.version !== undefined) return { found: probe, tried, explicit };
      }
      return { tried, explicit };
    })();
    cache.set(key, choice);
  }
  return choice;
}

/** One line on an interpreter: `python3 (/usr/bin/python3.11, Python 3.11.2)`. */
export function describePython(p: PythonProbe): string {
  const facts = [p.executable && p.executable !== p.python ? p.executable : undefined, p.pythonVersion && `Python ${p.pythonVersion}`];
  const shown = facts.filter((f): f is string => typeof f === 'string' && f !== '');
  return shown.length > 0 ? `${p.python} (${shown.join(', ')})` : p.python;
}

/** Why no interpreter with `module` was found, naming each one tried and the remedy. */
export function noFrameworkReason(choice: PythonChoice, module: string, install: string): string {
  const parts = choice.tried.map((p) => `${describePython(p)}: ${p.error === 'not found' ? 'not found' : `no ${module} (${p.error ?? '?'})`}`);
  const remedy = choice.explicit ? 'check --python / MPSBENCH_PYTHON' : `${install} or pass --python PATH`;
  return `no python with ${module}: ${parts.join('; ')}; ${remedy}`;
}
