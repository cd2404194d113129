/**
 * Live progress on stderr: on a terminal, one line redrawn with the running time of the case in
 * flight; elsewhere (CI logs, pipes), one line per finished case.
 */
import type { CaseResult } from '../results/types.js';
import type { CaseInstance } from '../types.js';
import { colors } from '../log.js';
import { formatResultBrief } from './brief.js';

/** Progress display for one run. */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private current = '';
  private started = 0;
  private readonly tty: boolean;

  constructor(private readonly total: number, private readonly launches: number, stream = process.stderr) {
    this.tty = stream.isTTY === true && !process.env.CI;
  }

  /** A case (one launch of it) begins. */
  start(c: CaseInstance, index: number, launch: number): void {
    const l = this.launches > 1 ? ` launch ${launch + 1}/${this.launches}` : '';
    this.current = `[${index + 1}/${this.total}]${l} ${c.backend} ${c.spec}`;
    this.started = performance.now();
    if (!this.tty) return;
    this.draw();
    this.timer ??= setInterval(() => this.draw(), 200);
  }

  /** A case is settled. */
  done(r: CaseResult, index: number): void {
    const c = colors();
    const mark = r.status === 'ok' ? c.green('✓') : r.status === 'failed' ? c.red('✗') : c.yellow('-');
    this.clear();
    process.stderr.write(`${mark} [${index + 1}/${this.total}] ${r.backend} ${r.spec}  ${formatResultBrief(r)}\n`);
  }

  /** Removes the live line and stops redrawing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    const secs = ((performance.now() - this.started) / 1000).toFixed(1);
    const width = process.stderr.columns || 100;
    process.stderr.write(`\r\x1b[2K${`${this.current}  ${secs}s`.slice(0, width - 1)}`);
  }

  private clear(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
  }
}
