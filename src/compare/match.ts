/**
 * Joins two result files for `compare`: cases by their stable `key` (`<backend>/<spec>`), in the
 * current file's order then the removed ones, plus warnings when the two environments differ in
 * anything that moves timings (other chip, driver, libraries, protocol, tool).
 * Differences are warnings, not refusals: comparing two machines on purpose is legitimate, but
 * the reader must know. Only another schema version is refused, by `results/read.ts`.
 */
import type { CaseResult, EnvRecord, ResultFile } from '../results/types.js';
import { own } from '../util/own.js';

/**
 * How the two sides of a comparison were measured (compare/gate.ts): launches interleaved per
 * case in one run, one run without that interleaving, or two runs one after the other.
 */
export type GateMode = 'interleaved' | 'same-run' | 'sequential';

/** One joined case: present on both sides, or only on one. */
export interface CasePair {
  key: string;
  baseline?: CaseResult;
  current?: CaseResult;
  /** How the sides were measured; two result files (the default) are `sequential`. */
  mode?: GateMode;
}

/** Pairs every case of both files by key: common and added in current order, then removed. */
export function matchCases(baseline: ResultFile, current: ResultFile): CasePair[] {
  const base = new Map(baseline.results.map((c) => [c.key, c]));
  const seen = new Set<string>();
  const pairs: CasePair[] = [];
  for (const c of current.results) {
    seen.add(c.key);
    const b = base.get(c.key);
    pairs.push(b === undefined ? { key: c.key, current: c } : { key: c.key, baseline: b, current: c });
  }
  for (const b of baseline.results) {
    if (!seen.has(b.key)) pairs.push({ key: b.key, baseline: b });
  }
  return pairs;
}

/** A labelled value of an environment, compared as text. */
type Probe = [label: string, read: (env: EnvRecord) => string | undefined];

const join = (xs: readonly string[]): string => xs.join(', ');

/** Runner facts per backend: library versions, protocol, runner version, device. */
function runnerProbes(backends: readonly string[]): Probe[] {
  return backends.flatMap((b): Probe[] => [
    [`${b} runner libraries`, (e) => {
      const libs = own(e.runners, b)?.libraries;
      return libs === undefined ? undefined : join(Object.entries(libs).map(([k, v]) => `${k} ${v}`).sort());
    }],
    [`${b} runner protocol`, (e) => own(e.runners, b)?.protocol?.toString()],
    [`${b} runner version`, (e) => own(e.runners, b)?.runner.version],
    [`${b} device`, (e) => own(e.runners, b)?.device.name],
  ]);
}

/** Environment facts that change timings, with labels for the warning. */
function probes(backends: readonly string[]): Probe[] {
  return [
    ['machine', (e) => e.machine],
    ['CPU model', (e) => e.host?.cpu?.model],
    ['OS', (e) => (e.host === undefined ? undefined : `${e.host.os} ${e.host.release}`)],
    ['GPUs', (e) => join((e.gpus ?? []).map((g) => g.name))],
    ['GPU driver', (e) => join((e.gpus ?? []).flatMap((g) => (g.driver === undefined ? [] : [g.driver])))],
    ['tool version', (e) => e.tool?.version],
    ['thread variables', (e) => join(Object.entries(e.variables ?? {}).map(([k, v]) => `${k}=${v}`).sort())],
    ['CPU frequency governor', (e) => e.host?.state?.cpu_governor],
    ['power source', (e) => e.host?.state?.power],
    ...runnerProbes(backends),
  ];
}

/**
 * One warning per environment fact that differs: `CPU model differs: "A" (baseline) vs "B"
 * (current)`. Runner facts are checked for the backends both files ran.
 */
export function environmentDiff(baseline: ResultFile, current: ResultFile): string[] {
  const backends = Object.keys(current.env.runners ?? {}).filter((b) => Object.hasOwn(baseline.env.runners ?? {}, b));
  const out: string[] = [];
  for (const [label, read] of probes(backends)) {
    const a = read(baseline.env) ?? '';
    const b = read(current.env) ?? '';
    if (a !== b) out.push(`${label} differs: ${JSON.stringify(a)} (baseline) vs ${JSON.stringify(b)} (current)`);
  }
  if (baseline.settings?.threads !== current.settings?.threads) {
    const t = (r: ResultFile): string => String(r.settings?.threads ?? 'default');
    out.push(`--threads differs: ${t(baseline)} (baseline) vs ${t(current)} (current)`);
  }
  return out;
}
