/**
 * Live progress on stderr: on a terminal, one line redrawn with the running time of the case in
 * flight and of the run, with an estimate of what is left; elsewhere (CI logs, pipes), one line
 * per finished case. A case keeps the number of its place in the plan on its live line and its
 * finished line alike (launches may finish out of order). Cases an interrupt left unfinished are
 * not listed one by one but counted in one summary line when progress stops.
 */
import type { CaseResult } from '../results/types.js';
import type { CaseInstance } from '../types.js';
import { colors } from '../log.js';
import { formatResultBrief } from './brief.js';

/** Where progress goes: stderr, or a test's sink. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** `m:ss` (or `h:mm:ss`) for a duration in seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

/** Progress display for one run. */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private current = '';
  private started = 0;
  private readonly runStart: number;
  private readonly tty: boolean;
  private readonly numbers = new Map<string, number>();
  private finished = 0;
  private interrupted = 0;
  private summarised = false;

  constructor(
    private readonly total: number,
    private readonly launches: number,
    private readonly stream: ProgressStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tty = stream.isTTY === true && !process.env.CI;
    this.runStart = now();
  }

  /** A case (one launch of it) begins; `index` is its place in the plan. */
  start(c: CaseInstance, index: number, launch: number): void {
    this.numbers.set(c.key, index + 1);
    const l = this.launches > 1 ? ` launch ${launch + 1}/${this.launches}` : '';
    this.current = `[${index + 1}/${this.total}]${l} ${c.backend} ${c.spec}`;
    this.started = this.now();
    if (!this.tty) return;
    this.draw();
    this.timer ??= setInterval(() => this.draw(), 200);
  }

  /** A case is settled. */
  done(r: CaseResult): void {
    this.finished++;
    if (r.status === 'skipped' && r.error?.kind === 'interrupted') {
      this.interrupted++;
      return;
    }
    const c = colors();
    const mark = r.status === 'ok' ? c.green('✓') : r.status === 'failed' ? c.red('✗') : c.yellow('-');
    const n = this.numbers.get(r.key);
    this.clear();
    this.stream.write(`${mark} [${n ?? '?'}/${this.total}] ${r.backend} ${r.spec}  ${formatResultBrief(r)}${this.finished < this.total ? c.dim(`  (${this.timing()})`) : ''}\n`);
  }

  /** Removes the live line, stops redrawing, and prints the interrupted cases' count once. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
    if (this.interrupted > 0 && !this.summarised) {
      this.summarised = true;
      this.stream.write(`${colors().yellow('-')} ${this.interrupted} of ${this.total} case(s) skipped (interrupted before they finished), after ${clock(this.elapsed())}\n`);
    }
  }

  private elapsed(): number {
    return (this.now() - this.runStart) / 1000;
  }

  /** `0:42 elapsed, ~1:10 left`: the estimate assumes the rest take as long per case as the finished. */
  private timing(): string {
    const t = this.elapsed();
    const left = this.finished > 0 ? (t / this.finished) * (this.total - this.finished) : undefined;
    return `${clock(t)} elapsed${left !== undefined ? `, ~${clock(left)} left` : ''}`;
  }

  private draw(): void {
    const secs = ((this.now() - this.started) / 1000).toFixed(1);
    const width = this.stream.columns || 100;
    this.stream.write(`\r\x1b[2K${`${this.current}  ${secs}s · ${this.timing()}`.slice(0, width - 1)}`);
  }

  private clear(): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
  }
}
