/**
 * `mpsbench check-runner COMMAND…` (or `--backend NAME` for a known backend's runner): the
 * protocol conformance checks of runner/conformance.ts, one PASS/FAIL line each on stdout.
 * Exit 0 when every check passes, 3 otherwise.
 */
import { ExitCode, RunnerSetupError, UsageError } from '../errors.js';
import { colors } from '../log.js';
import { checkConformance, type CheckResult } from '../runner/conformance.js';
import { backendNames, getBackend } from '../runner/registry.js';

/** Options of `check-runner`, as commander parses them. */
export interface CheckRunnerOptions {
  backend?: string;
  python?: string;
}

async function launchOf(name: string): Promise<{ command: string[]; env: NodeJS.ProcessEnv }> {
  const provider = getBackend(name);
  if (!provider) throw new UsageError(`unknown backend "${name}"`, `known backends: ${backendNames().join(', ')}`);
  const probe = await provider.probe();
  if (!probe.available) throw new RunnerSetupError(`backend ${name} is not available here: ${probe.reason ?? 'unknown reason'}`);
  const spec = await provider.launch({});
  return { command: spec.command, env: spec.env };
}

function line(r: CheckResult): string {
  const c = colors();
  return `${r.ok ? c.green('PASS') : c.red('FAIL')}  ${r.name.padEnd(38)} ${r.detail}\n`;
}

/** Runs the checks and prints one line per check; returns the exit code. */
export async function checkRunnerCommand(command: string[], opts: CheckRunnerOptions): Promise<number> {
  let target: { command: string[]; env: NodeJS.ProcessEnv };
  if (command.length > 0) target = { command, env: process.env };
  else if (opts.backend !== undefined) target = await launchOf(opts.backend);
  else throw new UsageError('check-runner needs a runner command or --backend NAME', 'e.g. mpsbench check-runner -- python3 runners/example/runner.py');
  process.stdout.write(`checking ${target.command.join(' ')}\n`);
  const results = await checkConformance(target.command, target.env, {
    ...(opts.backend !== undefined ? { expectBackend: opts.backend } : {}),
    onResult: (r) => process.stdout.write(line(r)),
  });
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(failed === 0 ? `all ${results.length} checks passed\n` : `${failed} of ${results.length} checks failed\n`);
  return failed === 0 ? ExitCode.ok : ExitCode.runnerFailure;
}
