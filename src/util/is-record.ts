/** The one test for "a JSON object" (not null, not an array), for values read from files and runners. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
