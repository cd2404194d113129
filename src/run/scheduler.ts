/**
 * Runs a flat list of cases on their backends' runners: one runner process per side (backend, and
 * variant in an A/B run) and launch, reused across that side's cases and restarted after a fault.
 * With K launches every case runs in K fresh processes (launch-major order, so launches of one
 * case are spread in time), and within a launch the sides of each case run back to back.
 * Cases the runner says it cannot do, or that would not fit its device, are settled without
 * running; after a failed handshake the side's remaining cases of that launch are settled with its
 * error (a hung `hello` costs one deadline, not one per case). Every finished case is handed to
 * `onCase` at once, so callers can journal it; an exception thrown by a hook is reported and never
 * ends the run.
 */
import type { CaseError, CaseResult, LaunchRecord, RunnerRecord } from '../results/types.js';
import { assembleCase } from '../results/assemble.js';
import type { RunnerClient, RunOutcome } from '../runner/client.js';
import { timingOf, type CaseInstance } from '../types.js';
import { warn } from '../log.js';
import { own } from '../util/own.js';
import { getWorkload } from '../workloads/index.js';
import { DEFAULT_INTERLEAVE_SEED, sideOrder } from './interleave.js';

/**
 * Progress and journal hooks. `index` is the case's place in the order cases run (grouped by
 * spec, the sides of a case together), the same number in `onCaseStart` and `onCase`, so a live line and the finished line
 * of one case agree; `total` is the number of cases.
 */
export interface SchedulerEvents {
  onCaseStart?(c: CaseInstance, index: number, total: number, launch: number): void;
  onLaunch?(c: CaseInstance, record: LaunchRecord): void;
  onCase?(result: CaseResult, index: number, total: number): void;
  onRunner?(backend: string, hello: RunnerRecord, variant?: string): void;
}

/** What the scheduler needs to know. */
export interface ScheduleOptions {
  launches: number;
  /** Starts a client for a backend (under a variant), or says why it cannot (build failure, unknown backend). */
  client(backend: string, variant?: string): Promise<RunnerClient | CaseError>;
  /** Seed of the order of each case's sides (interleave.ts); recorded in the result. */
  interleaveSeed?: number;
  /** Per-case reply deadline in ms. */
  timeoutMs(c: CaseInstance): number;
  /** Upper bound of the `hello` deadline (the user's --timeout), ms; default: the runner's own. */
  helloLimitMs?: number;
  verifySamples: number;
  signal?: AbortSignal;
  /**
   * Good launches already measured per case key (from a journal, `run --resume`): those launch
   * indices are not run again, and a case they complete is settled without running.
   */
  prior?: ReadonlyMap<string, readonly LaunchRecord[]>;
  events?: SchedulerEvents;
}

/** Reason a case is settled without running, from the runner's hello; undefined = run it. */
export function precheck(c: CaseInstance, hello: RunnerRecord): CaseError | undefined {
  const dtypes = own(hello.workloads, c.workload);
  if (!Array.isArray(dtypes)) return { kind: 'unsupported', message: `${c.backend} does not run ${c.workload}` };
  if (!dtypes.includes(c.dtype)) {
    return { kind: 'unsupported', message: `${c.backend} runs ${c.workload} in ${dtypes.join(', ')}, not ${c.dtype}` };
  }
  const limit = hello.device.memory_bytes;
  const need = getWorkload(c.workload)?.workingSetBytes(c.params, c.dtype);
  if (limit !== undefined && need !== undefined && need > limit) {
    const gib = (b: number): string => `${(b / 2 ** 30).toFixed(2)} GiB`;
    return { kind: 'too-large', message: `${c.spec} needs about ${gib(need)}, more than the ${gib(limit)} ${hello.device.name} reports` };
  }
  return undefined;
}

function launchFromOutcome(index: number, o: RunOutcome): LaunchRecord {
  if (!o.ok) return { index, ok: false, error: o.error, elapsed_s: o.elapsedS };
  const r = o.reply;
  return {
    index,
    ok: true,
    timer: r.timer,
    ...(r.timing ? { timing: r.timing } : {}),
    iters_per_sample: r.iters_per_sample,
    samples_ns: r.samples_ns,
    ...(r.wall_samples_ns ? { wall_samples_ns: r.wall_samples_ns } : {}),
    ...(r.encode_samples_ns ? { encode_samples_ns: r.encode_samples_ns } : {}),
    ...(r.warmup ? { warmup: r.warmup } : {}),
    verify: r.verify,
    ...(r.mem_bytes !== undefined ? { mem_bytes: r.mem_bytes } : {}),
    ...(r.info ? { info: r.info } : {}),
    elapsed_s: o.elapsedS,
    ...(o.hostLoad !== undefined ? { host_load: o.hostLoad } : {}),
  };
}

/** The side a case runs on: its backend under its variant (one runner process per launch). */
function armOf(c: CaseInstance): string {
  return c.variant === undefined ? c.backend : `${c.backend} @${c.variant}`;
}

/** Cases grouped by spec, in plan order: the sides that one launch index runs back to back. */
function groupBySpec(cases: readonly CaseInstance[]): CaseInstance[][] {
  const groups = new Map<string, CaseInstance[]>();
  for (const c of cases) {
    const group = groups.get(c.spec);
    if (group) group.push(c);
    else groups.set(c.spec, [c]);
  }
  return [...groups.values()];
}

/** The hooks with every call guarded: a hook that throws is reported once per hook and skipped. */
function guarded(events: SchedulerEvents | undefined): SchedulerEvents {
  const reported = new Set<string>();
  const guard = <A extends unknown[]>(name: keyof SchedulerEvents, fn: ((...a: A) => void) | undefined) => (...args: A): void => {
    try {
      fn?.(...args);
    } catch (err) {
      if (reported.has(name)) return;
      reported.add(name);
      warn(`internal error in the ${name} hook, the run goes on: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return {
    onCaseStart: guard('onCaseStart', events?.onCaseStart?.bind(events)),
    onLaunch: guard('onLaunch', events?.onLaunch?.bind(events)),
    onCase: guard('onCase', events?.onCase?.bind(events)),
    onRunner: guard('onRunner', events?.onRunner?.bind(events)),
  };
}

/**
 * Runs every case; returns results in the input order. Interrupted cases come back `skipped`.
 * Launch-major: for each launch index k, one fresh runner process per side (backend and variant)
 * serves all of that side's cases, and the sides of each case run back to back in a seeded,
 * balanced order (interleave.ts), so launch k of two sides shares the machine's state.
 */
export async function runSchedule(cases: CaseInstance[], options: ScheduleOptions): Promise<CaseResult[]> {
  const opts: ScheduleOptions = { ...options, events: guarded(options.events) };
  const launches = new Map<string, LaunchRecord[]>(cases.map((c) => [c.key, [...(opts.prior?.get(c.key) ?? [])]]));
  const settled = new Map<string, CaseResult>();
  const order = new Map(groupBySpec(cases).flat().map((c, i) => [c.key, i]));
  const settle = (c: CaseInstance, extra?: LaunchRecord): void => {
    const list = launches.get(c.key) ?? [];
    if (extra) list.push(extra);
    const result = assembleCase(c, list);
    settled.set(c.key, result);
    opts.events?.onCase?.(result, order.get(c.key) ?? 0, cases.length);
  };
  const st: LaunchState = { launches, settle, order, clients: new Map(), seq: 0 };
  for (let k = 0; k < opts.launches && !opts.signal?.aborted; k++) {
    const todo = cases.filter((c) => !settled.has(c.key) && !launches.get(c.key)?.some((l) => l.index === k));
    await runLaunch(todo, k, opts, st);
  }
  for (const c of cases) {
    if (!settled.has(c.key) && (launches.get(c.key)?.length ?? 0) >= opts.launches) settle(c);
    if (!settled.has(c.key)) settle(c, { index: -1, ok: false, error: { kind: 'interrupted', message: 'run interrupted before this case finished' } });
  }
  return cases.map((c) => settled.get(c.key)).filter((r): r is CaseResult => r !== undefined);
}

interface LaunchState {
  launches: Map<string, LaunchRecord[]>;
  settle(c: CaseInstance, extra?: LaunchRecord): void;
  order: Map<string, number>;
  /** This launch index's runner per side (started on first use), or why it could not start. */
  clients: Map<string, RunnerClient | CaseError>;
  /** Measurements so far, for `LaunchRecord.seq`. */
  seq: number;
}

/** Launch index k of `todo`: each case's sides back to back, then every process stopped. */
async function runLaunch(todo: CaseInstance[], k: number, opts: ScheduleOptions, st: LaunchState): Promise<void> {
  const abort = (): void => {
    for (const c of st.clients.values()) if ('run' in c) void c.stop(false);
  };
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    for (const group of groupBySpec(todo)) {
      for (const i of sideOrder(group[0]?.spec ?? '', group.length, k, opts.interleaveSeed ?? DEFAULT_INTERLEAVE_SEED)) {
        if (opts.signal?.aborted) return;
        const c = group[i] as CaseInstance;
        const client = await clientFor(c, opts, st);
        if ('run' in client) await runOne(c, k, client, opts, st);
        else st.settle(c, { index: k, ok: false, error: client });
      }
    }
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await Promise.all([...st.clients.values()].flatMap((c) => ('run' in c ? [c.stop()] : [])));
    st.clients.clear();
  }
}

async function clientFor(c: CaseInstance, opts: ScheduleOptions, st: LaunchState): Promise<RunnerClient | CaseError> {
  const arm = armOf(c);
  let client = st.clients.get(arm);
  if (client === undefined) st.clients.set(arm, (client = await opts.client(c.backend, c.variant)));
  return client;
}

async function runOne(c: CaseInstance, k: number, client: RunnerClient, opts: ScheduleOptions, st: LaunchState): Promise<void> {
  opts.events?.onCaseStart?.(c, st.order.get(c.key) ?? 0, st.order.size, k);
  const started = await client.start(opts.helloLimitMs);
  if (started.ok && k === 0) opts.events?.onRunner?.(c.backend, started.hello, c.variant);
  // A failed handshake settles this side's other cases of launch k with the same error.
  if (!started.ok) st.clients.set(armOf(c), { ...started.error });
  const skip = started.ok ? precheck(c, started.hello) : started.error;
  if (skip) {
    st.settle(c, { index: k, ok: false, error: skip });
    return;
  }
  const outcome = await client.run(
    { key: c.key, workload: c.workload, dtype: c.dtype, params: c.params, seed: c.seed },
    c.budget,
    opts.verifySamples,
    opts.timeoutMs(c),
    timingOf(c),
  );
  if (opts.signal?.aborted) return;
  const record = { ...launchFromOutcome(k, outcome), seq: st.seq++ };
  opts.events?.onLaunch?.(c, record);
  if (!record.ok || k === opts.launches - 1) st.settle(c, record);
  else st.launches.get(c.key)?.push(record);
}
