/**
 * Messages for people, on stderr only (stdout is reserved for data). Colour follows NO_COLOR,
 * FORCE_COLOR, `--no-color` and whether stderr is a terminal; chalk alone ignores NO_COLOR
 * (chalk/chalk#547), hence the explicit check.
 */
import { Chalk, chalkStderr, type ChalkInstance } from 'chalk';

let colorEnabled = chalkStderr.level > 0 && !process.env.NO_COLOR;
let paint: ChalkInstance = new Chalk({ level: colorEnabled ? chalkStderr.level : 0 });

/** Turns colour off (for `--no-color`) or back on where the terminal supports it. */
export function setColor(on: boolean): void {
  colorEnabled = on && chalkStderr.level > 0 && !process.env.NO_COLOR;
  paint = new Chalk({ level: colorEnabled ? chalkStderr.level : 0 });
}

/** Whether human output may use colour. */
export function useColor(): boolean {
  return colorEnabled;
}

/** The chalk instance for stderr output, level 0 when colour is off. */
export function colors(): ChalkInstance {
  return paint;
}

/** Writes a line to stderr; on a terminal it first clears a live progress line, which redraws below it. */
export function info(message: string): void {
  process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}${message}\n`);
}

/** Writes a warning with an optional remedy. */
export function warn(message: string, hint?: string): void {
  info(`${paint.yellow('warning:')} ${message}${hint ? `\n  ${paint.dim('hint:')} ${hint}` : ''}`);
}

/** Writes an error line (the CLI decides the exit code). */
export function error(message: string, hint?: string): void {
  info(`${paint.red('error:')} ${message}${hint ? `\n  ${paint.dim('hint:')} ${hint}` : ''}`);
}
