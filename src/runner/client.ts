/**
 * A protocol session with one runner process: handshake, one `run` at a time with a deadline,
 * and shutdown. Any crash, hang or malformed reply ends the process and turns into a `CaseError`
 * for the case in flight; the next `run` starts a fresh process. Nothing here throws for runner
 * faults: they cost one case, never the run. A line nobody asked for (a reply sent twice, chatter
 * while waiting for `bye`) is never read as the answer to a later request: a second reply in the
 * same write as the first fails that case, a later one is skipped, reported and the runner restarted.
 */
import { cpuSnapshot, othersShare } from '../env/cpu-load.js';
import { warn } from '../log.js';
import type { CaseError, RunnerRecord } from '../results/types.js';
import type { Budget, TimingModel } from '../types.js';
import { cleanText } from '../util/text.js';
import {
  checkHello,
  checkReplyTo,
  checkRunReply,
  encodeRequest,
  parseLine,
  PROTOCOL_VERSION,
  ProtocolViolation,
  timingEchoProblem,
  type RunCase,
  type RunOk,
} from './protocol.js';
import type { RunnerLaunchSpec } from './backend.js';
import { LineWaitError, RunnerProcess, type Unsolicited } from './process.js';

/** What one `run` produced. */
export type RunOutcome =
  | { ok: true; reply: RunOk; elapsedS: number; hostLoad?: number }
  | { ok: false; error: CaseError; elapsedS: number };

/** Turns a failure while waiting for a reply into the error recorded for the case. */
function toCaseError(err: unknown, tail: string): CaseError {
  const clean = cleanText(tail, true);
  const extra = clean.trim() === '' ? {} : { stderr_tail: clean };
  if (err instanceof LineWaitError) {
    const f = err.failure;
    const kind = f.kind === 'exit' ? 'crash' : f.kind === 'overflow' ? 'protocol' : f.kind;
    return { kind, message: cleanText(err.message), ...extra };
  }
  if (err instanceof ProtocolViolation) return { kind: 'protocol', message: err.message, ...extra };
  return { kind: 'internal', message: cleanText(err instanceof Error ? err.message : String(err)) };
}

/** A session with one backend's runner, restarted on demand. */
export class RunnerClient {
  private proc: RunnerProcess | undefined;
  private nextId = 0;
  private helloRecord: RunnerRecord | undefined;

  constructor(readonly spec: RunnerLaunchSpec) {}

  /** The runner's `hello`, once a process has started. */
  get hello(): RunnerRecord | undefined {
    return this.helloRecord;
  }

  /**
   * Starts the process and shakes hands; returns the hello record or the reason it failed.
   * `limitMs` (the user's --timeout) bounds the handshake deadline as well.
   */
  async start(limitMs = Infinity): Promise<{ ok: true; hello: RunnerRecord } | { ok: false; error: CaseError }> {
    if (this.proc && this.helloRecord) return { ok: true, hello: this.helloRecord };
    const proc = new RunnerProcess(this.spec.command, this.spec.env);
    this.proc = proc;
    const id = this.nextId++;
    try {
      proc.send(encodeRequest({ op: 'hello', id, protocol: PROTOCOL_VERSION }));
      const hello = checkHello(await this.reply(proc, id, 'hello', Math.min(this.spec.helloTimeoutMs, limitMs)));
      this.helloRecord = { ...hello, command: this.spec.command };
      return { ok: true, hello: this.helloRecord };
    } catch (err) {
      await this.stop(false);
      const error = toCaseError(err, proc.stderrTail());
      if (error.kind === 'crash' || error.kind === 'timeout' || error.kind === 'protocol') {
        error.message = `${error.message} during the hello handshake`;
      }
      return { ok: false, error };
    }
  }

  /** Runs one case; a runner fault kills the process and is returned as the case's error. */
  async run(c: RunCase, budget: Budget, verifySamples: number, timeoutMs: number, timing: TimingModel = 'streamed'): Promise<RunOutcome> {
    const t0 = performance.now();
    const elapsed = (): number => (performance.now() - t0) / 1000;
    if (this.proc) this.report(this.proc.takeUnsolicited(), true);
    const started = await this.start();
    if (!started.ok) return { ok: false, error: started.error, elapsedS: elapsed() };
    const proc = this.proc;
    if (!proc) return { ok: false, error: { kind: 'internal', message: 'runner vanished' }, elapsedS: elapsed() };
    const id = this.nextId++;
    try {
      const before = cpuSnapshot(proc.pid);
      proc.send(encodeRequest({ op: 'run', id, case: c, budget, timing, verify: { samples: verifySamples } }));
      const reply = checkRunReply(await this.reply(proc, id, 'run', timeoutMs), budget.max_samples);
      const hostLoad = othersShare(before, cpuSnapshot(proc.pid));
      const extra = proc.takeUnsolicited();
      if (extra) throw new ProtocolViolation(`runner sent another line after its reply: ${extra.first}`);
      if (reply.ok) {
        const problem = timingEchoProblem(timing, reply);
        if (problem !== undefined) return { ok: false, error: { kind: 'unsupported', message: problem }, elapsedS: elapsed() };
        return { ok: true, reply, elapsedS: elapsed(), ...(hostLoad !== undefined ? { hostLoad } : {}) };
      }
      return { ok: false, error: { ...reply.error }, elapsedS: elapsed() };
    } catch (err) {
      await this.stop(false);
      return { ok: false, error: toCaseError(err, proc.stderrTail()), elapsedS: elapsed() };
    }
  }

  /**
   * The reply to request `id`, within `timeoutMs`. A line that names an earlier request (a reply
   * sent twice, or late) is not the answer: it is skipped and reported once the reply came.
   */
  private async reply(proc: RunnerProcess, id: number, op: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = performance.now() + timeoutMs;
    let stale: Unsolicited | undefined;
    for (;;) {
      const line = await proc.nextLine(Math.max(0, deadline - performance.now())).catch((err: unknown) => {
        // a deadline shared by skipped lines still reads as the whole deadline
        throw err instanceof LineWaitError && err.failure.kind === 'timeout' ? new LineWaitError({ kind: 'timeout', ms: timeoutMs }) : err;
      });
      const msg = parseLine(line);
      if (typeof msg.id === 'number' && msg.id < id && msg.op !== 'error') {
        stale = stale ? { ...stale, count: stale.count + 1 } : { count: 1, first: cleanText(line.slice(0, 200)) };
        continue;
      }
      this.report(stale, false);
      return checkReplyTo(msg, id, op);
    }
  }

  /** Warns about lines nobody asked for; `restart` also ends the process (the next case gets a fresh one). */
  private report(u: Unsolicited | undefined, restart: boolean): void {
    if (!u) return;
    const lines = u.count === 1 ? '1 line' : `${u.count} lines`;
    warn(`the ${this.spec.backend} runner sent ${lines} nobody asked for (first: ${cleanText(u.first)})${restart ? '; it is restarted' : ''}`);
    if (restart && this.proc) {
      const proc = this.proc;
      this.proc = undefined;
      void proc.kill();
    }
  }

  /** Ends the session: `bye` when polite and alive, then the process group is killed if needed. */
  async stop(polite = true): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc) return;
    if (polite) {
      this.report(proc.takeUnsolicited(), false);
      const id = this.nextId++;
      try {
        proc.send(encodeRequest({ op: 'bye', id }));
        await this.reply(proc, id, 'bye', 2000);
        await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        // no bye reply (or a wrong one): fall through to kill
      }
      this.report(proc.takeUnsolicited(), false);
    }
    await proc.kill();
  }
}
