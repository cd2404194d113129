/**
 * Custom runners: any executable that speaks the protocol, named on the command line
 * (`--runner NAME=COMMAND`) or in a suite's `runners:` map. COMMAND is split like argv (quotes and
 * backslashes as in a POSIX shell, nothing else: no variables, globs or pipes) and run without a
 * shell. Running a command written in a suite file is code execution, so planning refuses it unless
 * `--allow-custom-runners` was given.
 */
import { existsSync } from 'node:fs';
import { InputError, UsageError } from '../errors.js';
import type { CustomRunner } from '../types.js';
import { runnerEnv, type BackendProvider, type LaunchOptions } from './backend.js';

/**
 * The one rule for custom runner names, from `--runner` and from suites (schema/suite.schema.json
 * `runners.propertyNames` holds the same pattern, length and reserved list; a unit test keeps them
 * equal): lowercase letters, digits, - and _, at most 64 characters, and not a name that
 * Object.prototype owns.
 */
export const RUNNER_NAME = { pattern: /^[a-z0-9][a-z0-9_-]*$/, maxLength: 64, reserved: ['__proto__', 'constructor', 'prototype'] } as const;

/** Splits a command line into argv like a POSIX shell would, without expanding anything. */
export function splitArgv(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text.charAt(i + 1))) cur += text.charAt(++i);
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text.charAt(++i);
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`unterminated ${quote} quote in runner command: ${text}`);
  if (inWord) out.push(cur);
  return out;
}

/** Parses one `--runner NAME=COMMAND` value. */
export function parseRunnerArg(text: string): CustomRunner {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || !RUNNER_NAME.pattern.test(name) || name.length > RUNNER_NAME.maxLength) {
    throw new UsageError(`--runner needs NAME=COMMAND with a name of lowercase letters, digits, - and _ (at most ${RUNNER_NAME.maxLength}), got "${text}"`, 'e.g. --runner mine="python3 ./my_runner.py"');
  }
  if ((RUNNER_NAME.reserved as readonly string[]).includes(name)) throw new UsageError(`--runner name "${name}" is a reserved JavaScript name; choose another name`);
  const command = splitArgv(text.slice(eq + 1));
  if (command.length === 0) throw new UsageError(`--runner ${name}= names no command`);
  return { name, command };
}

/** The backend provider of a custom runner. */
export function customBackend(r: CustomRunner): BackendProvider {
  const origin = r.source ? `declared at ${r.source.file}:${r.source.line}:${r.source.col}` : 'from --runner';
  return {
    name: r.name,
    description: `custom runner ${origin}: ${r.command.join(' ')}`,
    probe() {
      const file = r.command[0] ?? '';
      if (file.includes('/') && !existsSync(file)) return Promise.resolve({ available: false, reason: `${file} does not exist` });
      return Promise.resolve({ available: true, detail: `command: ${r.command.join(' ')}` });
    },
    launch(opts: LaunchOptions) {
      return Promise.resolve({ backend: r.name, command: [...r.command], env: runnerEnv(opts), helloTimeoutMs: 60_000 });
    },
  };
}

/** Refuses a runner whose name is a built-in backend. */
export function checkNotBuiltin(r: CustomRunner, builtins: readonly string[]): void {
  if (!builtins.includes(r.name)) return;
  const msg = `custom runner "${r.name}" would shadow the built-in backend of that name; choose another name`;
  if (r.source) throw new InputError(msg, r.source);
  throw new UsageError(msg, `built-in backends: ${builtins.join(', ')}`);
}

/**
 * Refuses to run suite-declared runners among `wanted` unless allowed: the error names the file,
 * line and column of the first such runner entry.
 */
export function checkSuiteRunnersAllowed(runners: readonly CustomRunner[], wanted: readonly string[], allowed: boolean): void {
  if (allowed) return;
  const first = runners.find((r) => r.source !== undefined && wanted.includes(r.name));
  if (!first?.source) return;
  throw new InputError(
    `the suite names a custom runner "${first.name}" (${first.command.join(' ')}); running a command from a suite file executes code, so it needs --allow-custom-runners`,
    first.source,
    `run it only if you trust the file: add --allow-custom-runners, or leave the runner out with --backend`,
  );
}
