/** `mpsbench env`: the environment record results carry, for people or as JSON. */
import { ExitCode } from '../errors.js';
import { parseBackendList } from '../run/plan.js';
import { captureEnv } from '../env/capture.js';
import { RunnerClient } from '../runner/client.js';
import { getBackend } from '../runner/registry.js';
import type { EnvRecord } from '../results/types.js';
import { warn } from '../log.js';

async function addRunners(env: EnvRecord, names: string[]): Promise<void> {
  for (const name of names) {
    const provider = getBackend(name);
    const probe = await provider?.probe();
    if (!provider || !probe?.available) {
      warn(`${name}: ${probe?.reason ?? 'unknown backend'}`);
      continue;
    }
    const client = new RunnerClient(await provider.launch({}));
    const started = await client.start();
    await client.stop();
    if (started.ok) env.runners[name] = started.hello;
    else warn(`${name}: ${started.error.message}`);
  }
}

function human(env: EnvRecord): string {
  const h = env.host;
  const lines = [
    `machine   ${env.machine}`,
    `host      ${h.hostname} (${h.platform} ${h.release}, ${h.arch})`,
    `os        ${h.os}`,
    `cpu       ${h.cpu.model} × ${h.cpu.logical} logical`,
    `memory    ${(h.memory_bytes / 2 ** 30).toFixed(1)} GiB`,
    `node      ${env.node}`,
    `mpsbench  ${env.tool.version}${env.tool.git ? ` (${env.tool.git.commit.slice(0, 12)}${env.tool.git.dirty ? ', dirty' : ''})` : ''}`,
    ...env.gpus.map((g) => `gpu       ${g.name}${g.driver ? `, driver ${g.driver}` : ''}`),
    ...Object.entries(env.variables).map(([k, v]) => `variable  ${k}=${v}`),
  ];
  for (const [name, r] of Object.entries(env.runners)) {
    const libs = Object.entries(r.libraries ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ');
    lines.push(`runner    ${name}: ${r.device.name} (${r.device.kind}, ${r.device.threads ?? '?'} threads) ${libs}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Prints the environment; with --backend, includes those runners' hello records. */
export async function envCommand(opts: { json?: boolean; backend?: string }): Promise<number> {
  const env = await captureEnv();
  await addRunners(env, parseBackendList(opts.backend) ?? []);
  process.stdout.write(opts.json ? `${JSON.stringify(env, null, 2)}\n` : human(env));
  return ExitCode.ok;
}
