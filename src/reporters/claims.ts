/**
 * Published speed-up claims (a suite's `claims:`) next to what was measured: for each claim, the
 * speed-up of its backend over its baseline on every case both ran and verified (same spec),
 * baseline median / backend median. Pure: a result file in, data and Markdown lines out.
 */
import type { CaseResult, ResultFile } from '../results/types.js';
import type { Claim } from '../types.js';
import { okMedian, verifyVerdict } from './table.js';

/** One case both backends ran and verified, and the measured speed-up on it. */
export interface ClaimPair {
  spec: string;
  speedup: number;
}

/** A claim and what the run measured for it. */
export interface ClaimCheck {
  claim: Claim;
  suite: string;
  /** Cases with a verified, completed result on both backends, in result order. */
  pairs: ClaimPair[];
}

function verifiedMedian(c: CaseResult | undefined): number | undefined {
  const median = c === undefined ? undefined : okMedian(c);
  return c !== undefined && median !== undefined && median > 0 && verifyVerdict(c) === true ? median : undefined;
}

/** The measured pairs of one claim. */
export function checkClaim(claim: Claim, suite: string, results: readonly CaseResult[]): ClaimCheck {
  const pairs: ClaimPair[] = [];
  for (const c of results) {
    if (c.backend !== claim.backend || c.suite !== suite || (claim.workload !== undefined && c.workload !== claim.workload)) continue;
    const mine = verifiedMedian(c);
    const theirs = verifiedMedian(results.find((o) => o.backend === claim.baseline && o.spec === c.spec && o.suite === suite));
    if (mine !== undefined && theirs !== undefined) pairs.push({ spec: c.spec, speedup: theirs / mine });
  }
  return { claim, suite, pairs };
}

/** Whether a value read from a result file is a well-formed claim (files are hostile input). */
export function isClaim(x: unknown): x is Claim {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  const optional = (k: string): boolean => c[k] === undefined || typeof c[k] === 'string';
  return typeof c.text === 'string' && typeof c.backend === 'string' && typeof c.baseline === 'string' &&
    typeof c.speedup === 'number' && Number.isFinite(c.speedup) && c.speedup > 0 && optional('workload') && optional('source');
}

/** Every well-formed claim of every suite in the result, checked. */
export function checkClaims(result: ResultFile): ClaimCheck[] {
  const suites = Array.isArray(result.suites) ? result.suites : [];
  return suites.flatMap((s) => (Array.isArray(s.claims) ? s.claims.filter(isClaim).map((c) => checkClaim(c, String(s.name), result.results)) : []));
}

function times(x: number): string {
  return `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
}

/** One claim as Markdown: the claim, then the measured range and the best case, or why none. */
export function claimLines(check: ClaimCheck): string[] {
  const { claim, pairs } = check;
  const source = claim.source === undefined ? '' : ` (${claim.source})`;
  const scope = `\`${claim.backend}\` over \`${claim.baseline}\`${claim.workload === undefined ? '' : `, ${claim.workload} cases`}`;
  const lines = [`- **Claim:** “${claim.text}”${source}: up to ${times(claim.speedup)}, ${scope}.`];
  if (pairs.length === 0) {
    lines.push(`  **Measured:** nothing: no case completed and verified on both \`${claim.backend}\` and \`${claim.baseline}\` in this run.`);
    return lines;
  }
  const sorted = [...pairs].sort((a, b) => a.speedup - b.speedup);
  const best = sorted[sorted.length - 1] ?? sorted[0];
  const low = sorted[0];
  if (best === undefined || low === undefined) return lines;
  const range = pairs.length === 1 ? times(best.speedup) : `${times(low.speedup)} to ${times(best.speedup)}`;
  lines.push(
    `  **Measured:** ${range} over ${pairs.length} verified case(s); best ${times(best.speedup)} on \`${best.spec}\` ` +
      `(${(best.speedup / claim.speedup * 100).toFixed(0)}% of the claim).`,
  );
  return lines;
}

/** The report section, or nothing when no suite states a claim. */
export function claimsSection(result: ResultFile): string[] {
  const checks = checkClaims(result);
  if (checks.length === 0) return [];
  return ['## Claims', '', ...checks.flatMap(claimLines), '', 'Speed-up = the baseline’s median / the backend’s median on the same case; only cases that passed verification on both count.', ''];
}
