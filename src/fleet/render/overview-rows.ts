/**
 * The overview's tables and the claims box as plain text rows, shared by the Markdown and HTML
 * renderers so both pages open with the same headline: the system table, the speed-up of each
 * GPU path over its own machine's CPU baselines, the best throughput per chip, and the claims.
 */
import { formatBytes, formatRatio, NONE } from '../../render/units.js';
import type { ClaimCheck } from '../claims.js';
import type { ChipBest, FamilySpeedup } from '../overview.js';
import type { SystemSummary } from '../systems.js';
import { formatRate, formatShare, shareCell, speedupText, type Cell } from './cells.js';
import { slugify } from './escape.js';

/** The anchor of a case's table on the HTML page. */
export function caseAnchor(spec: string): string {
  return `c-${slugify(spec)}`;
}

/** Header of the system table. */
export const SYSTEM_HEADERS = ['machine', 'CPU', 'cores', 'memory', 'OS', 'GPU (driver)', 'libraries', 'backends'];

/** Rows of the system table. */
export function systemRows(systems: readonly SystemSummary[]): Cell[][] {
  return systems.map((s) => [
    { text: s.machine },
    { text: s.cpu },
    { text: s.cores },
    { text: s.memoryBytes === undefined ? NONE : formatBytes(s.memoryBytes) },
    { text: s.os },
    { text: s.gpus.length === 0 ? NONE : `${s.gpus.join(', ')}${s.driver.length === 0 ? '' : ` (${s.driver.join(', ')})`}` },
    { text: s.libraries.join(', ') || NONE },
    { text: s.backends.join(', ') },
  ]);
}

/** Header of the speed-up table. */
export const SPEEDUP_HEADERS = ['family', 'GPU path', 'over (same machine)', 'up to (95% CI)', 'CI basis', 'at case', 'median (cases)'];

/** Rows of the speed-up table, grouped by family. */
export function speedupRows(speedups: readonly FamilySpeedup[]): Cell[][] {
  const families = [...new Set(speedups.map((s) => s.workload))];
  const sorted = [...speedups].sort((a, b) => families.indexOf(a.workload) - families.indexOf(b.workload));
  return sorted.map((s) => [
    { text: s.workload },
    { text: `${s.backend} · ${s.path.split(' · ')[0] ?? ''}` },
    { text: `${s.baseline} · ${s.baselineDevice}` },
    { text: speedupText(s.best.value, s.best.ci), sort: s.best.value },
    { text: s.best.ci === undefined ? NONE : s.best.ci.basis === 'within-launch' ? '1 launch a side' : s.best.ci.basis },
    { text: `${s.best.spec.replace(/^\S+\s+/, '')}`, href: `#${caseAnchor(s.best.spec)}` },
    { text: `${formatRatio(s.median)} (${s.cases})`, sort: s.median },
  ]);
}

/** One sentence on the intervals' basis (launch bootstrap, within-launch, or a mix). */
export function speedupBasis(speedups: readonly FamilySpeedup[]): string {
  const bases = new Set(speedups.flatMap((s) => (s.best.ci === undefined ? [] : [s.best.ci.basis])));
  const within = 'within-launch: each side ran one launch, so the interval is the ratio of the two medians’ within-launch 95% intervals and leaves out process-to-process variance';
  const launches = 'launch bootstrap: 95% percentile bootstrap over whole launches (as mpsbench compare)';
  const paired = 'paired: one interleaved run, launch k of both sides back to back; signed-rank Hodges–Lehmann interval (as mpsbench compare)';
  const parts = [bases.has('paired') ? paired : '', bases.has('launches') ? launches : '', bases.has('within-launch') ? within : ''].filter((p) => p !== '');
  return parts.length === 0 ? 'No interval: the files hold no launch statistics for these pairs.' : `Interval basis: ${parts.join('; ')}. Speed-ups pair rows of the same machine label, possibly from different runs.`;
}

/** The best-throughput table: one row per chip, one column per family. */
export function bestTable(bests: readonly ChipBest[]): { headers: string[]; rows: Cell[][] } {
  const families = [...new Set(bests.map((b) => b.workload))];
  const chips = [...new Set(bests.map((b) => b.device))];
  const rows = chips.map((chip): Cell[] => [
    { text: chip },
    ...families.map((f): Cell => {
      const b = bests.find((x) => x.device === chip && x.workload === f);
      if (b === undefined) return { text: NONE };
      const rate = formatRate(b.rate);
      const share = b.share === undefined ? undefined : shareCell(b.share);
      const of = b.share?.peak.kind === 'measured' ? ' of ceiling' : ' of peak';
      const pct = b.share === undefined ? '' : ` (${formatShare(b.share.fraction)}${of}${b.share.effective === undefined ? '' : ', effective'})`;
      const cell: Cell = { text: `${rate}${pct}, ${b.backend} ${b.dtype}`, sort: b.rate.value, href: `#${caseAnchor(b.spec)}` };
      if (share?.effective !== undefined) cell.effective = share.effective;
      return cell;
    }),
  ]);
  return { headers: ['chip', ...families.map((f) => `${f}: best (% of peak)`)], rows };
}

/** One line per claim: the claim, then what the files say or which run would check it. */
export function claimLines(checks: readonly ClaimCheck[]): { claim: string; finding: string }[] {
  return checks.map((c) => {
    const top = c.measured[0];
    if (top === undefined) return { claim: `“${c.claim.text}”`, finding: `Not checked: these files hold no ${c.claim.backends.join('/')} case with a ${c.claim.baseline} baseline on the same machine. To check it, run ${c.claim.howToCheck}.` };
    const ci = top.best.ci === undefined ? '' : ` (95% CI ${formatRatio(top.best.ci.lo)}–${formatRatio(top.best.ci.hi)})`;
    return {
      claim: `“${c.claim.text}”`,
      finding: `Measured: up to ${formatRatio(top.best.value)}${ci} on ${top.path} over ${top.baseline}, at ${top.best.spec}; claimed ${formatRatio(c.claim.factor)}: ${c.verdict}.`,
    };
  });
}
