/**
 * Lookups by a name that came from a file or the command line: own properties only, so a name such
 * as `constructor` or `__proto__` finds nothing rather than a member of Object.prototype.
 */

/** `obj[key]` when `obj` has it as its own property, else undefined. */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
