/**
 * Known errors and their exit codes. Every error a user can cause or fix is one of these; the CLI
 * prints `error: <message>` (plus `hint:` when there is one) and exits with `exitCode`, never a
 * stack trace. Anything else is a bug and is printed with its stack.
 */

import type { SourcePos } from './types.js';

/** Exit codes, fixed and documented in `--help` and docs/. */
export const ExitCode = {
  ok: 0,
  regression: 1,
  usage: 2,
  runnerFailure: 3,
  /** An unexpected error, i.e. a bug in mpsbench (the stack is printed); sysexits' EX_SOFTWARE. */
  internal: 70,
} as const;

/** Base of every known error: a one-line message, an optional remedy and the exit code. */
export class MpsbenchError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.usage,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage: unknown flag, bad value, missing argument. */
export class UsageError extends MpsbenchError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

/** Bad input file (suite YAML, result JSON): the message starts with `file:line:col`. */
export class InputError extends MpsbenchError {
  constructor(
    message: string,
    readonly pos?: SourcePos,
    hint?: string,
  ) {
    super(pos ? `${pos.file}:${pos.line}:${pos.col}: ${message}` : message, ExitCode.usage, hint);
  }
}

/** A runner could not be built or started at all (toolchain missing, build failed). */
export class RunnerSetupError extends MpsbenchError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.runnerFailure, hint);
  }
}
