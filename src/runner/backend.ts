/**
 * What a backend provider is: a name, a quick availability probe and how to obtain its runner
 * command. The registry (registry.ts) is the only module that imports the providers; the providers
 * (native, torch, custom) and the client import these types, so nothing here points back up.
 */

/** Whether a backend can run here, and why not. */
export interface Availability {
  available: boolean;
  reason?: string;
  /** Facts worth showing in `list` when available (e.g. which python runs torch). */
  detail?: string;
}

/** Options that shape how runners are started. */
export interface LaunchOptions {
  /** Compute threads for CPU backends (`MPSBENCH_THREADS`). */
  threads?: number;
  verboseBuild?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: a native build in progress stops. */
  signal?: AbortSignal;
  /** Native backends: build from this native/ tree instead of the package's (`native=DIR` of a variant). */
  nativeDir?: string;
}

/** How to start a runner and how long to wait for it. */
export interface RunnerLaunchSpec {
  backend: string;
  command: string[];
  env: NodeJS.ProcessEnv;
  /** Deadline for the `hello` reply, ms. */
  helloTimeoutMs: number;
}

/** One backend: a name, a quick availability probe and how to obtain its runner command. */
export interface BackendProvider {
  name: string;
  description: string;
  /** Built from native/ as the CMake target `mpsbench-runner-<name>` (runner/build.ts). */
  native?: boolean;
  probe(): Promise<Availability>;
  launch(opts: LaunchOptions): Promise<RunnerLaunchSpec>;
}

/**
 * The environment a runner starts with: the caller's (or this process's) environment, plus
 * `MPSBENCH_THREADS` when a thread count was asked for, plus any backend-specific `extra`
 * variables (the Python runners add unbuffered, no-bytecode settings).
 */
export function runnerEnv(opts: LaunchOptions, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), ...extra };
  if (opts.threads !== undefined) env.MPSBENCH_THREADS = String(opts.threads);
  return env;
}
