/** `mpsbench build`: build (or rebuild) native runners now instead of on first use. */
import { ExitCode, RunnerSetupError } from '../errors.js';
import { error, info } from '../log.js';
import { parseBackendList } from '../run/plan.js';
import { buildNativeRunner } from '../runner/build.js';
import { getBackend, nativeBackendNames } from '../runner/registry.js';

/** Builds the requested native backends; prints `<backend>\t<path>` per built runner on stdout. */
export async function buildCommand(opts: { backend?: string; force?: boolean; verbose?: boolean }): Promise<number> {
  const asked = parseBackendList(opts.backend);
  const native = nativeBackendNames();
  const names = (asked ?? native).filter((n) => native.includes(n));
  let failed = false;
  for (const name of names) {
    const probe = (await getBackend(name)?.probe()) ?? { available: false, reason: 'unknown' };
    if (!probe.available) {
      if (asked) {
        error(`${name} cannot be built here: ${probe.reason ?? ''}`);
        failed = true;
      } else info(`skipping ${name}: ${probe.reason ?? ''}`);
      continue;
    }
    try {
      info(`building ${name} runner…`);
      const path = await buildNativeRunner(name, { force: opts.force ?? false, verbose: opts.verbose ?? false, announce: false });
      process.stdout.write(`${name}\t${path}\n`);
    } catch (err) {
      if (!(err instanceof RunnerSetupError)) throw err;
      error(err.message, err.hint);
      failed = true;
    }
  }
  return failed ? ExitCode.runnerFailure : ExitCode.ok;
}
