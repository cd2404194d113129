/**
 * Protocol conformance of any runner command (docs/protocol.md): hello, a small verified case of
 * every workload and dtype it claims, an unclaimed dtype answered `unsupported`, malformed JSON
 * answered with id null while the runner lives on, an unknown op answered with its id, `bye` and
 * end of input both ending the process with status 0. Each check yields one result; a check that
 * leaves the runner in an unknown state makes the next one start a fresh process.
 */
import type { Budget, Dtype, Params } from '../types.js';
import { getWorkload, toleranceFor, workloadNames } from '../workloads/index.js';
import { DTYPES, specValue } from '../types.js';
import { RunnerProcess } from './process.js';
import { checkHello, checkRunReply, encodeRequest, parseReplyLine, PROTOCOL_VERSION } from './protocol.js';
import type { RunnerRecord } from '../results/types.js';

/** One check's verdict. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** Small cases, one per workload, with every parameter given (each workload's `smallCase`). */
export const SMALL_CASES: Record<string, Params> = Object.fromEntries(workloadNames().map((w) => [w, getWorkload(w)?.smallCase ?? {}]));

/** The small cases' parameters in `--case` syntax, without the dtype: `m=24 n=20 … trans_b=true`. */
export function smallCaseParams(workload: string): string {
  const params = SMALL_CASES[workload] ?? {};
  return Object.entries(params).map(([k, v]) => `${k}=${specValue(v)}`).join(' ');
}

/** A budget that keeps each small case well under a second. */
export const SMALL_BUDGET: Budget = {
  warmup_s: 0.01, warmup_min_iters: 1, target_sample_s: 0.001, min_samples: 3,
  max_samples: 20, min_time_s: 0.01, max_time_s: 0.2, rel_ci: 0.05,
};
const HELLO_MS = 180_000;
const RUN_MS = 120_000;
const EXIT_MS = 10_000;

/** A runner process with request ids. */
class Session {
  readonly proc: RunnerProcess;
  private id = 0;
  broken = false;
  constructor(command: string[], env: NodeJS.ProcessEnv) {
    this.proc = new RunnerProcess(command, env);
  }
  nextId(): number {
    return this.id++;
  }
  async ask(req: Record<string, unknown>, op: string, ms: number): Promise<Record<string, unknown>> {
    this.proc.send(`${JSON.stringify(req)}\n`);
    return parseReplyLine(await this.proc.nextLine(ms), req.id as number, op);
  }
  async hello(): Promise<RunnerRecord> {
    const id = this.nextId();
    this.proc.send(encodeRequest({ op: 'hello', id, protocol: PROTOCOL_VERSION }));
    return checkHello(parseReplyLine(await this.proc.nextLine(HELLO_MS), id, 'hello'));
  }
}

function exitWithin(proc: RunnerProcess, ms: number): Promise<{ code: number | null; signal: string | null } | 'timeout'> {
  return Promise.race([proc.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
}

function describeExit(e: Awaited<ReturnType<typeof exitWithin>>): string {
  if (e === 'timeout') return `still running after ${EXIT_MS / 1000} s`;
  return e.signal ? `killed by ${e.signal}` : `exited with status ${e.code}`;
}

function runRequest(s: Session, workload: string, dtype: string, backend: string): Record<string, unknown> {
  const params = SMALL_CASES[workload] ?? {};
  const spec = smallCaseParams(workload);
  return { op: 'run', id: s.nextId(), case: { key: `${backend}/${workload} ${spec} dtype=${dtype}`, workload, dtype, params, seed: 1 }, budget: SMALL_BUDGET, verify: { samples: 64 } };
}

/** Runs every check against `command`; `expectBackend` is compared with hello's backend. */
export async function checkConformance(
  command: string[],
  env: NodeJS.ProcessEnv,
  opts: { expectBackend?: string; onResult?: (r: CheckResult) => void } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail: string): void => {
    const r = { name, ok, detail };
    results.push(r);
    opts.onResult?.(r);
  };
  let session = new Session(command, env);
  let hello: RunnerRecord | undefined;
  const attempt = async (name: string, fn: (s: Session) => Promise<string>): Promise<void> => {
    if (session.broken) {
      await session.proc.kill();
      session = new Session(command, env);
      await session.hello().catch(() => undefined);
    }
    try {
      record(name, true, await fn(session));
    } catch (err) {
      session.broken = true;
      record(name, false, err instanceof Error ? err.message : String(err));
    }
  };

  await attempt('hello', async (s) => {
    hello = await s.hello();
    if (opts.expectBackend !== undefined && hello.backend !== opts.expectBackend) {
      throw new Error(`hello says backend "${hello.backend}", expected "${opts.expectBackend}"`);
    }
    const claims = Object.entries(hello.workloads).map(([w, d]) => `${w}: ${d.join(',')}`).join('; ');
    return `backend ${hello.backend}, protocol ${PROTOCOL_VERSION}, device ${hello.device.name} (${hello.device.kind}); ${claims}`;
  });
  const h = hello;
  if (h) await checkWorkloads(h, attempt);
  await checkErrors(attempt);
  await attempt('bye → reply, exit 0', async (s) => {
    const id = s.nextId();
    const reply = await s.ask({ op: 'bye', id }, 'bye', RUN_MS);
    if (reply.ok !== true) throw new Error(`bye answered ok=${JSON.stringify(reply.ok)}`);
    const exit = await exitWithin(s.proc, EXIT_MS);
    if (exit === 'timeout' || exit.code !== 0) throw new Error(`after bye the runner ${describeExit(exit)}`);
    return 'replied and exited with status 0';
  });
  await session.proc.kill();
  await checkEof(command, env, record);
  return results;
}

type Attempt = (name: string, fn: (s: Session) => Promise<string>) => Promise<void>;

async function checkWorkloads(hello: RunnerRecord, attempt: Attempt): Promise<void> {
  for (const [workload, dtypes] of Object.entries(hello.workloads)) {
    if (!(workload in SMALL_CASES)) continue;
    for (const dtype of dtypes) {
      await attempt(`run ${workload} ${dtype}`, async (s) => {
        const req = runRequest(s, workload, dtype, hello.backend);
        const reply = checkRunReply(await s.ask(req, 'run', RUN_MS));
        if (!reply.ok) throw new Error(`claimed in hello but failed: ${reply.error.kind}: ${reply.error.message}`);
        const tol = toleranceFor(workload, dtype as Dtype);
        const err = reply.verify.max_rel_err;
        if (err === null || err > tol) throw new Error(`verification failed: max_rel_err ${String(err)} > ${tol}`);
        return `max_rel_err ${err.toExponential(2)} ≤ ${tol}, ${reply.samples_ns.length} samples × ${reply.iters_per_sample} iters`;
      });
    }
  }
  const gap = Object.keys(SMALL_CASES).flatMap((w) => DTYPES.filter((d) => !(hello.workloads[w] ?? []).includes(d)).map((d) => [w, d] as const))[0];
  if (!gap) {
    await attempt('unclaimed dtype → unsupported', () => Promise.resolve('skipped: the runner claims every workload and dtype'));
    return;
  }
  await attempt(`unclaimed ${gap[0]} ${gap[1]} → unsupported`, async (s) => {
    const reply = checkRunReply(await s.ask(runRequest(s, gap[0], gap[1], hello.backend), 'run', RUN_MS));
    if (reply.ok || reply.error.kind !== 'unsupported') throw new Error(`expected error kind unsupported, got ${reply.ok ? 'ok' : reply.error.kind}`);
    return `unsupported: ${reply.error.message}`;
  });
}

async function checkErrors(attempt: Attempt): Promise<void> {
  await attempt('malformed JSON → id null, runner alive', async (s) => {
    s.proc.send('{"op": "run", this is not json\n');
    const reply = parseReplyLine(await s.proc.nextLine(RUN_MS), null as unknown as number, 'error');
    if (reply.ok !== false) throw new Error('malformed request answered ok');
    await s.hello();
    return 'answered {"id":null,…,"ok":false} and then a hello';
  });
  await attempt('unknown op → error with its id', async (s) => {
    const id = s.nextId();
    const reply = await s.ask({ op: 'frobnicate', id }, 'frobnicate', RUN_MS);
    const error = reply.error as { kind?: unknown } | undefined;
    if (reply.ok !== false || typeof error?.kind !== 'string') throw new Error('expected ok:false with error.kind');
    return `error kind ${error.kind}`;
  });
}

async function checkEof(command: string[], env: NodeJS.ProcessEnv, record: (n: string, ok: boolean, d: string) => void): Promise<void> {
  const s = new Session(command, env);
  try {
    await s.hello();
    s.proc.endInput();
    const exit = await exitWithin(s.proc, EXIT_MS);
    if (exit === 'timeout' || exit.code !== 0) record('EOF → exit 0', false, `after end of input the runner ${describeExit(exit)}`);
    else record('EOF → exit 0', true, 'exited with status 0');
  } catch (err) {
    record('EOF → exit 0', false, err instanceof Error ? err.message : String(err));
  } finally {
    await s.proc.kill();
  }
}
