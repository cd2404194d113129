/**
 * The doctor's one-screen verdict per backend, for stderr: a PASS/FAIL/unavailable line with the
 * device and timer, the cases passed and skipped, and the first few problems of failed cases.
 * Formats only what the report holds; never throws on odd values.
 */
import type { ChalkInstance } from 'chalk';
import type { DoctorBackend, DoctorReport } from './report.js';

/** Failed cases listed per backend before "… and N more". */
const SHOWN = 6;

function caseName(key: string): string {
  return key.replace(/^[^/]*\//, '').replace(/ .* dtype=/, ' ');
}

/** The last non-empty line of a stderr tail, shortened, as ` (stderr: …)`. */
function lastLine(tail: string | undefined): string {
  const line = (typeof tail === 'string' ? tail : '').split('\n').map((l) => l.trim()).filter((l) => l !== '').pop();
  if (line === undefined) return '';
  return ` (stderr: ${line.length > 100 ? `${line.slice(0, 100)}…` : line})`;
}

function backendLines(b: DoctorBackend, c: ChalkInstance): string[] {
  const name = b.backend.padEnd(12);
  if (b.outcome === 'unavailable') return [`${c.dim('----')}  ${name} unavailable: ${b.reason ?? ''}`];
  const pass = b.cases.filter((x) => x.outcome === 'pass');
  const fail = b.cases.filter((x) => x.outcome === 'fail');
  const skip = b.cases.filter((x) => x.outcome === 'skip');
  const tag = b.outcome === 'pass' ? c.green('PASS') : c.red('FAIL');
  const device = b.hello ? `${b.hello.device.name} (${b.hello.device.kind}), timer ${b.hello.timer ?? '?'}` : 'no hello';
  const lines = [`${tag}  ${name} ${pass.length} verified, ${fail.length} failed, ${skip.length} not claimed; ${device}`];
  if (b.reason) lines.push(`      ${b.reason}`);
  if (pass.length > 0) lines.push(`      ok: ${pass.map((x) => caseName(x.key)).join(', ')}`);
  for (const f of fail.slice(0, SHOWN)) lines.push(`      ${c.red('✗')} ${caseName(f.key)}: ${f.problems.join('; ')}${lastLine(f.error?.stderr_tail)}`);
  if (fail.length > SHOWN) lines.push(`      … and ${fail.length - SHOWN} more failed case(s), all in the report file`);
  return lines;
}

/** The verdict screen. */
export function renderVerdict(report: DoctorReport, c: ChalkInstance): string {
  const lines = ['mpsbench doctor: tiny cases of every workload and dtype, checked for verification and timing', ''];
  for (const b of report.backends) lines.push(...backendLines(b, c));
  lines.push('', report.verdict === 'pass' ? c.green('all available backends pass') : c.red('some backend failed: attach the report file to an issue'));
  return `${lines.join('\n')}\n`;
}
