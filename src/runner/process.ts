/**
 * One runner child process: spawning in its own process group, splitting stdout into lines,
 * keeping a bounded stderr tail, waiting for a line with a deadline, and killing the whole group
 * (SIGTERM, then SIGKILL). node:child_process is used directly rather than execa because the
 * runner is a long-lived, bidirectional line protocol peer; execa (used for one-shot commands such
 * as builds) adds nothing here and its kill() misses grandchildren (sindresorhus/execa#96).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Why waiting for a line ended without one. */
export type LineFailure =
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'timeout'; ms: number }
  | { kind: 'overflow'; bytes: number }
  | { kind: 'spawn'; message: string };

/** Rejection value of `nextLine`. */
export class LineWaitError extends Error {
  constructor(readonly failure: LineFailure) {
    super(describeFailure(failure));
  }
}

/** Human text for a failure, e.g. "runner was killed by SIGSEGV". */
export function describeFailure(f: LineFailure): string {
  switch (f.kind) {
    case 'exit':
      return f.signal ? `runner was killed by ${f.signal}` : `runner exited with status ${f.code}`;
    case 'timeout':
      return `runner gave no reply within ${(f.ms / 1000).toFixed(1)} s`;
    case 'overflow':
      return `runner sent a line longer than ${f.bytes} bytes`;
    case 'spawn':
      return `runner could not be started: ${f.message}`;
  }
}

/** Every runner process group alive in this process, so a second Ctrl-C can kill them all at once. */
const LIVE = new Set<RunnerProcess>();

/**
 * SIGKILLs the group of every live runner, synchronously: the last thing before mpsbench exits on a
 * second signal, so workers that ignore SIGTERM do not outlive it inside the kill grace.
 */
export function killAllRunnersNow(): void {
  for (const p of LIVE) p.killNow();
}

/** Lines that arrived while no request was pending: counted and dropped, the first kept (clipped). */
export interface Unsolicited {
  count: number;
  first: string;
}

/** Bytes of stderr kept for the error record. */
export const STDERR_TAIL_BYTES = 8192;
const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Time between SIGTERM and SIGKILL to the group. */
export const KILL_GRACE_MS = 2000;

/** A running runner with a line-oriented reply channel. */
export class RunnerProcess {
  private readonly child: ChildProcess;
  private buffered = '';
  private unsolicited: Unsolicited | undefined;
  private waiter: ((line: string | LineFailure) => void) | undefined;
  private failure: LineFailure | undefined;
  private tail = '';
  /** Resolves when the process has exited, with its status. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when its stdio pipes have closed (or failed to open). */
  private readonly closed: Promise<void>;

  constructor(command: readonly string[], env: NodeJS.ProcessEnv) {
    const [file, ...args] = command;
    if (file === undefined) throw new Error('empty runner command');
    this.child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.onStderr(chunk));
    this.child.stdin?.on('error', () => undefined); // EPIPE after a crash: reported by 'exit'
    LIVE.add(this);
    this.closed = new Promise((resolve) => {
      this.child.on('close', () => resolve());
      this.child.on('error', () => resolve());
    });
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        this.fail({ kind: 'spawn', message: err.message });
        resolve({ code: null, signal: null });
      });
      // 'close' comes after stdout has been drained; a grandchild holding stdout open must not
      // delay the verdict for long, hence the short fallback after 'exit'.
      this.child.on('exit', (code, signal) => {
        setTimeout(() => this.fail({ kind: 'exit', code, signal }), 250).unref();
        resolve({ code, signal });
      });
      this.child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.fail({ kind: 'exit', code, signal });
      });
    });
  }

  /** Process id (of the group leader). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last few KiB the runner wrote to stderr. */
  stderrTail(): string {
    return this.tail;
  }

  /** Writes one line to the runner's stdin. */
  send(line: string): void {
    this.child.stdin?.write(line);
  }

  /** Closes the runner's stdin: end of input, which a runner treats as `bye`. */
  endInput(): void {
    this.child.stdin?.end();
  }

  /**
   * Lines that arrived while no request was pending since the last call (a reply sent twice, chatter
   * while waiting for `bye`); they are never read as the answer to a later request.
   */
  takeUnsolicited(): Unsolicited | undefined {
    const u = this.unsolicited;
    this.unsolicited = undefined;
    return u;
  }

  /** Waits for the next complete stdout line, or rejects with a LineWaitError. */
  nextLine(timeoutMs: number): Promise<string> {
    if (this.failure) return Promise.reject(new LineWaitError(this.failure));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new LineWaitError({ kind: 'timeout', ms: timeoutMs }));
      }, timeoutMs);
      this.waiter = (got) => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (typeof got === 'string') resolve(got);
        else reject(new LineWaitError(got));
      };
    });
  }

  /**
   * Stops the whole process group: SIGTERM, then SIGKILL after a grace period. Afterwards its pipes
   * are closed, so a grandchild that left the group (setsid) and holds stdout cannot keep mpsbench
   * alive; what the runner wrote to stderr until then (on SIGTERM, say) is in the tail.
   */
  async kill(): Promise<void> {
    if (this.child.pid !== undefined) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        // The leader is gone (crash, exit) but a forked worker may live on in its group.
        this.signalGroup('SIGKILL');
      } else {
        this.signalGroup('SIGTERM');
        const timer = setTimeout(() => this.signalGroup('SIGKILL'), KILL_GRACE_MS);
        await this.exited;
        clearTimeout(timer);
        this.signalGroup('SIGKILL'); // grandchildren left in the group
      }
      await Promise.race([this.closed, new Promise((r) => setTimeout(r, 250).unref())]);
    }
    this.release();
  }

  /** SIGKILL to the group at once, pipes closed (see `killAllRunnersNow`). */
  killNow(): void {
    this.signalGroup('SIGKILL');
    this.release();
  }

  private release(): void {
    LIVE.delete(this);
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) s?.destroy();
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // group already gone
    }
  }

  private onStdout(chunk: string): void {
    this.buffered += chunk;
    let nl = this.buffered.indexOf('\n');
    while (nl >= 0) {
      this.push(this.buffered.slice(0, nl).replace(/\r$/, ''));
      this.buffered = this.buffered.slice(nl + 1);
      nl = this.buffered.indexOf('\n');
    }
    if (this.buffered.length > MAX_LINE_BYTES) {
      this.buffered = '';
      this.fail({ kind: 'overflow', bytes: MAX_LINE_BYTES });
    }
  }

  private onStderr(chunk: string): void {
    this.tail = (this.tail + chunk).slice(-STDERR_TAIL_BYTES);
  }

  private push(line: string): void {
    if (line.trim() === '') return;
    if (this.waiter) this.waiter(line);
    else if (this.unsolicited) this.unsolicited.count++;
    else this.unsolicited = { count: 1, first: line.length > 200 ? `${line.slice(0, 200)}…` : line };
  }

  private fail(f: LineFailure): void {
    // An unterminated last line is discarded: only complete lines count.
    this.failure ??= f;
    if (this.waiter) this.waiter(this.failure);
  }
}
