/** Parsing of numeric command-line values (and the same values kept as text in old journals), with messages that name the flag. */
import { UsageError } from '../errors.js';

/** Parses a positive integer flag value. */
export function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag} must be a positive integer, got "${text}"`);
  }
  return n;
}

/** Parses a positive number flag value. */
export function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  }
  return n;
}
