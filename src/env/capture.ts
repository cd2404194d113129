/**
 * The environment record written into every result: host, OS, CPU, memory, GPUs, Node, the tool's
 * version and git commit, and the variables that change results. Probes are time-boxed so a slow
 * or missing tool never stalls a run.
 */
import { existsSync } from 'node:fs';
import { arch, cpus, hostname, platform, release, totalmem } from 'node:os';
import { hostState, osName } from './host-state.js';
import { join } from 'node:path';
import { execa } from 'execa';
import type { EnvRecord } from '../results/types.js';
import { PACKAGE_ROOT } from '../util/paths.js';
import { TOOL_VERSION } from '../util/version.js';
import { sanitizeName } from '../util/names.js';

/** Variables recorded because they change what runners do. */
const RECORDED_VARIABLES =
  /^(OPENBLAS_|OMP_|MKL_|VECLIB_|MPSBENCH_THREADS$|MPSBENCH_TF_JIT$|MPSBENCH_TORCH_MPS_EVENTS$|CUDA_VISIBLE_DEVICES$|PYTORCH_|XLA_|JAX_|TF_ENABLE_ONEDNN_OPTS$)/;

async function gitInfo(): Promise<{ commit: string; dirty: boolean } | undefined> {
  if (!existsSync(join(PACKAGE_ROOT, '.git'))) return undefined;
  const opts = { cwd: PACKAGE_ROOT, reject: false, timeout: 5000 } as const;
  const rev = await execa('git', ['rev-parse', 'HEAD'], opts);
  if (rev.failed) return undefined;
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], opts);
  return { commit: rev.stdout.trim(), dirty: !status.failed && status.stdout.trim() !== '' };
}

async function nvidiaGpus(): Promise<EnvRecord['gpus']> {
  const r = await execa('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits'], {
    reject: false,
    timeout: 10_000,
  });
  if (r.failed) return [];
  return r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [name = '', mem = '', driver = ''] = line.split(',').map((s) => s.trim());
      const mib = Number(mem);
      return { name, ...(Number.isFinite(mib) ? { memory_bytes: mib * 1024 * 1024 } : {}), driver };
    });
}

function recordedVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && RECORDED_VARIABLES.test(k)) out[k] = v;
  return out;
}

/** Options for `captureEnv`. */
export interface CaptureOptions {
  /** Label for this machine in reports and file names; default: the host name. */
  machine?: string;
  env?: NodeJS.ProcessEnv;
}

/** Captures the environment (runners are added later, from their `hello`). */
export async function captureEnv(opts: CaptureOptions = {}): Promise<EnvRecord> {
  const [git, gpus] = await Promise.all([gitInfo(), nvidiaGpus()]);
  const cpuList = cpus();
  const host = hostname();
  const state = hostState();
  return {
    host: {
      hostname: host,
      platform: platform(),
      release: release(),
      os: await osName(),
      arch: arch(),
      cpu: { model: cpuList[0]?.model.trim() ?? 'unknown', cores: cpuList.length, logical: cpuList.length },
      memory_bytes: totalmem(),
      ...(Object.keys(state).length > 0 ? { state } : {}),
    },
    node: process.version,
    tool: { name: 'mpsbench', version: TOOL_VERSION, ...(git ? { git } : {}) },
    machine: sanitizeName(opts.machine ?? host),
    gpus,
    runners: {},
    variables: recordedVariables(opts.env ?? process.env),
  };
}
