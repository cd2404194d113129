/** `mpsbench validate`: load suites, report errors with file:line:col, count the cases. */
import { ExitCode } from '../errors.js';
import { backendNames } from '../runner/registry.js';
import { loadSuiteArg } from '../suite/builtin.js';
import { expandSuite } from '../suite/expand.js';

/** Validates each suite; the first invalid one raises an InputError (exit 2). */
export async function validateCommand(suiteArgs: string[]): Promise<number> {
  for (const arg of suiteArgs) {
    const suite = await loadSuiteArg(arg);
    const cases = expandSuite(suite, backendNames());
    const specs = new Set(cases.map((c) => c.spec)).size;
    process.stdout.write(`ok ${suite.file ?? arg}: suite "${suite.name}", ${suite.entries.length} entries, ${specs} distinct cases, ${cases.length} over the backends it allows\n`);
  }
  return ExitCode.ok;
}
