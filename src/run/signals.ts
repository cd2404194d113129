/**
 * Interrupts during a run: the first SIGINT or SIGTERM aborts it gracefully (the runner is
 * stopped, what finished is written, the journal is kept for `--resume`); a second one SIGKILLs
 * every live runner group (workers that ignore SIGTERM would outlive the kill grace), removes
 * these handlers and re-raises the signal, so Node's default action ends the process at once and
 * the shell sees the usual 128 + signal number.
 */
import { constants } from 'node:os';
import { killAllRunnersNow } from '../runner/process.js';

/** The interrupt state of one run. */
export interface Interrupts {
  /** Aborted by the first signal. */
  signal: AbortSignal;
  /** The first signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/** Exit status of a process ended by `sig`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(sig: NodeJS.Signals): number {
  return 128 + constants.signals[sig];
}

/** Installs the SIGINT/SIGTERM handlers; `onFirst` is told of the first signal (for a message). */
export function watchInterrupts(onFirst: (sig: NodeJS.Signals) => void): Interrupts {
  const controller = new AbortController();
  let got: NodeJS.Signals | undefined;
  const dispose = (): void => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  function handler(sig: NodeJS.Signals): void {
    if (got) {
      killAllRunnersNow();
      dispose();
      process.kill(process.pid, sig);
      return;
    }
    got = sig;
    onFirst(sig);
    controller.abort();
  }
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { signal: controller.signal, received: () => got, dispose };
}
