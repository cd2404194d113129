/** `mpsbench list`: built-in suites, workloads with their parameters, and backends with availability. */
import { ExitCode } from '../errors.js';
import { BACKENDS } from '../runner/registry.js';
import { builtinSuiteNames, loadSuiteArg } from '../suite/builtin.js';
import { getWorkload, workloadNames } from '../workloads/index.js';
import { specValue, type ParamValue } from '../types.js';

interface Listing {
  suites: { name: string; file: string; description?: string }[];
  workloads: { name: string; description: string; dtypes: string[]; params: { name: string; kind: string; default?: unknown }[] }[];
  backends: { name: string; description: string; available: boolean; reason?: string; detail?: string }[];
}

async function builtinSuites(): Promise<Listing['suites']> {
  const names = await builtinSuiteNames();
  return Promise.all(
    names.map(async (name) => {
      const s = await loadSuiteArg(name);
      return { name, file: s.file ?? name, ...(s.description ? { description: s.description } : {}) };
    }),
  );
}

async function gather(): Promise<Listing> {
  const backends = await Promise.all(
    BACKENDS.map(async (b) => ({ name: b.name, description: b.description, ...(await b.probe()) })),
  );
  const workloads = workloadNames().flatMap((n) => {
    const w = getWorkload(n);
    if (!w) return [];
    const params = w.params.map((p) => ({ name: p.name, kind: p.kind, ...(p.default !== undefined ? { default: p.default } : {}) }));
    return [{ name: w.name, description: w.description, dtypes: [...w.dtypes], params }];
  });
  return { suites: await builtinSuites(), workloads, backends };
}

function human(l: Listing): string {
  const out = ['Suites (mpsbench run <name>):'];
  for (const s of l.suites) out.push(`  ${s.name.padEnd(22)} ${s.description ?? ''}`);
  out.push('', 'Workloads (--case "<workload> key=value … dtype=…"):');
  for (const w of l.workloads) {
    const params = w.params.map((p) => (p.default === undefined ? p.name : `${p.name}=${specValue(p.default as ParamValue)}`)).join(' ');
    out.push(`  ${w.name.padEnd(8)} ${w.description}`, `           params: ${params}`, `           dtypes: ${w.dtypes.join(', ')}`);
  }
  out.push('', 'Backends (--backend a,b):');
  for (const b of l.backends) {
    const state = b.available ? 'available' : `unavailable: ${b.reason ?? ''}`;
    out.push(`  ${b.name.padEnd(10)} ${state}`, `             ${b.description}`);
    if (b.available && b.detail) out.push(`             ${b.detail}`);
  }
  return `${out.join('\n')}\n`;
}

/** Prints the listing, human-readable or as JSON. */
export async function listCommand(opts: { json?: boolean }): Promise<number> {
  const listing = await gather();
  process.stdout.write(opts.json ? `${JSON.stringify(listing, null, 2)}\n` : human(listing));
  return ExitCode.ok;
}
