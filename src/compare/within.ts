/**
 * Sides within one result file, for `mpsbench compare RESULT.json [--base X --head Y]`: two
 * variants of an interleaved A/B run (`run --variant`), or two backends of one run (the speed-up
 * of one over the other). Cases pair by what stays equal — backend and spec across variants, spec
 * (and variant) across backends — and the file's `settings.interleave` says whether launch k of
 * the two sides ran back to back (`interleaved`, paired statistics) or not (`same-run`).
 */
import { UsageError } from '../errors.js';
import type { CaseResult, ResultFile } from '../results/types.js';
import type { CasePair, GateMode } from './match.js';

/** Which two sides of a file are compared. */
export interface Sides {
  by: 'variant' | 'backend';
  base: string;
  head: string;
}

/** Variant names of a file: the recorded ones, else those its cases carry, in order. */
export function variantNames(file: ResultFile): string[] {
  const recorded = (file.settings.variants ?? []).map((v) => v.name);
  if (recorded.length > 0) return recorded;
  return [...new Set(file.results.flatMap((c) => (c.variant === undefined ? [] : [c.variant])))];
}

function backendNames(file: ResultFile): string[] {
  return [...new Set(file.results.map((c) => c.backend))];
}

/**
 * Resolves `--base` / `--head` against a file: names of variants first, then of backends. With
 * neither flag, a file of exactly two variants compares them (baseline first). UsageError (exit
 * 2) naming what the file has otherwise.
 */
export function resolveSides(file: ResultFile, base?: string, head?: string): Sides {
  const variants = variantNames(file);
  const backends = backendNames(file);
  const has = `variants: ${variants.join(', ') || 'none'}; backends: ${backends.join(', ')}`;
  if (base === undefined && head === undefined) {
    if (variants.length === 2) return { by: 'variant', base: variants[0] as string, head: variants[1] as string };
    throw new UsageError(
      variants.length > 2 ? `the file has ${variants.length} variants: name the two to compare with --base and --head` : 'one result file holds one side: give --base and --head (two variants or two backends), or a second file',
      has,
    );
  }
  if (base === undefined || head === undefined) throw new UsageError('--base and --head go together', has);
  if (base === head) throw new UsageError(`--base and --head both name "${base}"`, has);
  for (const by of ['variant', 'backend'] as const) {
    const names = by === 'variant' ? variants : backends;
    if (names.includes(base) && names.includes(head)) return { by, base, head };
  }
  throw new UsageError(`--base ${base} and --head ${head} are not two variants or two backends of this file`, has);
}

/** The join key of a case across the two sides (what stays equal), and its side name. */
function place(c: CaseResult, by: Sides['by']): { key: string; side: string } {
  if (by === 'backend') return { key: c.variant === undefined ? c.spec : `${c.spec} @${c.variant}`, side: c.backend };
  return { key: `${c.backend}/${c.spec}`, side: c.variant ?? '' };
}

/** The comparison's mode: paired when the file interleaved each case's sides per launch index. */
export function withinMode(file: ResultFile): GateMode {
  return file.settings.interleave?.grain === 'case' ? 'interleaved' : 'same-run';
}

/** Pairs the two sides' cases (head order, then base-only ones), each marked with the file's mode. */
export function matchWithin(file: ResultFile, sides: Sides): CasePair[] {
  const mode = withinMode(file);
  const base = new Map<string, CaseResult>();
  const head: { key: string; c: CaseResult }[] = [];
  for (const c of file.results) {
    const p = place(c, sides.by);
    if (p.side === sides.base) base.set(p.key, c);
    else if (p.side === sides.head) head.push({ key: p.key, c });
  }
  const pairs: CasePair[] = head.map(({ key, c }) => {
    const b = base.get(key);
    return b === undefined ? { key, current: c, mode } : { key, baseline: b, current: c, mode };
  });
  const seen = new Set(head.map((h) => h.key));
  for (const [key, b] of base) if (!seen.has(key)) pairs.push({ key, baseline: b, mode });
  return pairs;
}
