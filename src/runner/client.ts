/**
 * A protocol session with one runner process: handshake, one `run` at a time with a deadline,
 * and shutdown. Any crash, hang or malformed reply ends the process and turns into a `CaseError`
 * for the case in flight; the next `run` starts a fresh process. Nothing here throws for runner
 * faults: they cost one case, never the run.
 */
import type { CaseError, RunnerRecord } from '../results/types.js';
import type { Budget } from '../types.js';
import {
  checkHello,
  checkRunReply,
  encodeRequest,
  parseReplyLine,
  PROTOCOL_VERSION,
  ProtocolViolation,
  type RunCase,
  type RunOk,
} from './protocol.js';
import type { RunnerLaunchSpec } from './backend.js';
import { LineWaitError, RunnerProcess } from './process.js';

/** What one `run` produced. */
export type RunOutcome =
  | { ok: true; reply: RunOk; elapsedS: number }
  | { ok: false; error: CaseError; elapsedS: number };

/** Turns a failure while waiting for a reply into the error recorded for the case. */
function toCaseError(err: unknown, tail: string): CaseError {
  const stderr_tail = tail.trim() === '' ? undefined : tail;
  if (err instanceof LineWaitError) {
    const f = err.failure;
    const kind = f.kind === 'exit' ? 'crash' : f.kind === 'overflow' ? 'protocol' : f.kind;
    return { kind, message: err.message, ...(stderr_tail ? { stderr_tail } : {}) };
  }
  if (err instanceof ProtocolViolation) return { kind: 'protocol', message: err.message, ...(stderr_tail ? { stderr_tail } : {}) };
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
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

  /** Starts the process and shakes hands; returns the hello record or the reason it failed. */
  async start(): Promise<{ ok: true; hello: RunnerRecord } | { ok: false; error: CaseError }> {
    if (this.proc && this.helloRecord) return { ok: true, hello: this.helloRecord };
    const proc = new RunnerProcess(this.spec.command, this.spec.env);
    this.proc = proc;
    const id = this.nextId++;
    try {
      proc.send(encodeRequest({ op: 'hello', id, protocol: PROTOCOL_VERSION }));
      const line = await proc.nextLine(this.spec.helloTimeoutMs);
      const hello = checkHello(parseReplyLine(line, id, 'hello'));
      this.helloRecord = { ...hello, command: this.spec.command };
      return { ok: true, hello: this.helloRecord };
    } catch (err) {
      const error = toCaseError(err, proc.stderrTail());
      if (error.kind === 'crash' || error.kind === 'timeout' || error.kind === 'protocol') {
        error.message = `${error.message} during the hello handshake`;
      }
      await this.stop(false);
      return { ok: false, error };
    }
  }

  /** Runs one case; a runner fault kills the process and is returned as the case's error. */
  async run(c: RunCase, budget: Budget, verifySamples: number, timeoutMs: number): Promise<RunOutcome> {
    const t0 = performance.now();
    const elapsed = (): number => (performance.now() - t0) / 1000;
    const started = await this.start();
    if (!started.ok) return { ok: false, error: started.error, elapsedS: elapsed() };
    const proc = this.proc;
    if (!proc) return { ok: false, error: { kind: 'internal', message: 'runner vanished' }, elapsedS: elapsed() };
    const id = this.nextId++;
    try {
      proc.send(encodeRequest({ op: 'run', id, case: c, budget, verify: { samples: verifySamples } }));
      const reply = checkRunReply(parseReplyLine(await proc.nextLine(timeoutMs), id, 'run'));
      if (reply.ok) return { ok: true, reply, elapsedS: elapsed() };
      return { ok: false, error: { ...reply.error }, elapsedS: elapsed() };
    } catch (err) {
      const error = toCaseError(err, proc.stderrTail());
      await this.stop(false);
      return { ok: false, error, elapsedS: elapsed() };
    }
  }

  /** Ends the session: `bye` when polite and alive, then the process group is killed if needed. */
  async stop(polite = true): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc) return;
    if (polite) {
      const id = this.nextId++;
      try {
        proc.send(encodeRequest({ op: 'bye', id }));
        await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        // fall through to kill
      }
    }
    await proc.kill();
  }
}
