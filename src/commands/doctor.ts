/**
 * `mpsbench doctor`: the first-use self-test. Runs the conformance suite's small case of every
 * workload in every dtype on every available backend (or those of --backend) through the normal
 * plan → schedule → result path, checks each case (src/doctor/checks.ts), prints one verdict per
 * backend on stderr and writes one redacted JSON file to attach to a bug report. Exit 0 when every
 * backend that ran passes, 3 when one fails (or a backend named in --backend is unavailable).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../errors.js';
import { colors, info } from '../log.js';
import { checkBackendNames } from '../run/plan.js';
import { runSession } from '../run/session.js';
import { resolveSettings } from '../run/settings.js';
import { SMALL_BUDGET, SMALL_CASES, smallCaseParams } from '../runner/conformance.js';
import { backendRegistry, type BackendRegistry } from '../runner/registry.js';
import { ensureOutputWritable, isStdout, writeOutput } from '../util/output.js';
import { fileStamp } from '../util/names.js';
import { getWorkload } from '../workloads/index.js';
import { buildReport } from '../doctor/report.js';
import { personalHere } from '../doctor/redact.js';
import { renderVerdict } from '../doctor/render.js';

/** Options of `doctor`, as commander parses them. */
export interface DoctorOptions {
  backend?: string;
  out?: string;
  force?: boolean;
  runner?: string[];
  python?: string;
  allowParavirtual?: boolean;
}

/** One `--case` text per workload with a small case: every dtype the workload defines. */
export function doctorCases(): string[] {
  return Object.keys(SMALL_CASES).flatMap((w) => {
    const def = getWorkload(w);
    return def ? [`${w} ${smallCaseParams(w)} dtype=${def.dtypes.join(',')}`] : [];
  });
}

async function probe(names: string[], registry: BackendRegistry): Promise<{ available: string[]; unavailable: { backend: string; reason: string }[] }> {
  const probes = await Promise.all(names.map(async (n) => [n, (await registry.get(n)?.probe()) ?? { available: false, reason: 'unknown backend' }] as const));
  return {
    available: probes.filter(([, p]) => p.available).map(([n]) => n),
    unavailable: probes.filter(([, p]) => !p.available).map(([backend, p]) => ({ backend, reason: p.reason ?? 'not available' })),
  };
}

/** Runs the self-test; returns the exit code. */
export async function doctorCommand(opts: DoctorOptions): Promise<number> {
  const created = new Date();
  const out = opts.out ?? `mpsbench-doctor-${fileStamp(created)}.json`;
  if (!isStdout(out)) ensureOutputWritable(out, opts.force ?? false);
  const settings = resolveSettings([], { case: doctorCases(), ...(opts.backend !== undefined ? { backend: opts.backend } : {}), runner: opts.runner ?? [], timeout: '120', allowParavirtual: opts.allowParavirtual ?? false });
  const registry = backendRegistry(settings.runners);
  const wanted = settings.backends ? checkBackendNames(settings.backends, registry.names()) : registry.names();
  const { available, unavailable } = await probe(wanted, registry);
  const tmp = mkdtempSync(join(tmpdir(), 'mpsbench-doctor-'));
  try {
    const outcome = available.length === 0 ? undefined : await runSession(
      { ...settings, backends: available, budget: { ...SMALL_BUDGET }, out: join(tmp, 'result.json'), md: join(tmp, 'result.md') },
      { force: true, command: ['mpsbench', 'doctor', ...(opts.backend !== undefined ? ['--backend', opts.backend] : [])] },
    );
    const result = outcome?.result;
    if (!result) info('no backend is available here: see "mpsbench list"');
    const report = buildReport(result, available, unavailable, personalHere(), { unavailableFails: settings.backends !== undefined });
    process.stderr.write(renderVerdict(report, colors()));
    await writeOutput(out, `${JSON.stringify(report, null, 2)}\n`);
    if (!isStdout(out)) info(`wrote ${out}: attach it to a bug report (home, user and host names and absolute paths are removed; read it first)`);
    return report.verdict === 'pass' ? ExitCode.ok : ExitCode.runnerFailure;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
