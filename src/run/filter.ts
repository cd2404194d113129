/**
 * `--filter TERM` (repeatable; a case must match every term): picks part of a suite. A term
 * without wildcards matches a word of the case (its backend, workload, dtype, suite entry name,
 * or one `name=value` of its key, so `f16`, `matmul`, `m=1024` and `cuda` all work); a term
 * with `*` or `?` is a glob on the whole key (`cpu/matmul m=2048*`).
 */
import type { CaseInstance } from '../types.js';

/** A glob (`*` any run of characters, `?` one) as an anchored regular expression. */
function globRegex(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** The words a plain term is compared with. */
function words(c: CaseInstance): Set<string> {
  const out = new Set([c.backend, c.workload, c.dtype, c.suite, ...c.spec.split(' ')]);
  if (c.name !== undefined) out.add(c.name);
  return out;
}

/** A predicate keeping the cases that match every term (all cases when there is none). */
export function caseFilter(terms: readonly string[]): (c: CaseInstance) => boolean {
  const tests = terms.map((term) => (/[*?]/.test(term) ? ((c: CaseInstance) => globRegex(term).test(c.key)) : (c: CaseInstance) => words(c).has(term)));
  return (c) => tests.every((t) => t(c));
}
