// Benchmarks mpsbench's own hot paths with tinybench (not the gate: tinybench's statistics assume
// i.i.d. samples, fine for this purpose). Run: npm run bench:self  (builds dist/ first).
// Prints a Markdown table; docs/performance.md records a run of it.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Bench } from 'tinybench';
import { summarize } from '../../dist/stats/index.js';
import { loadSuiteArg } from '../../dist/suite/builtin.js';
import { expandSuite } from '../../dist/suite/expand.js';
import { getReporter } from '../../dist/reporters/index.js';

const result = JSON.parse(readFileSync(new URL('../../test/fixtures/results/small.json', import.meta.url), 'utf8'));
let state = 1;
const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const samples = Array.from({ length: 10_000 }, () => 1e-3 * (1 + 0.05 * rand()));
const full = await loadSuiteArg('full');

const bench = new Bench({ time: 500 });
bench
  .add('summarize 10,000 samples', () => summarize(samples))
  .add('load + expand suites/full.yaml (3 backends)', async () => expandSuite(await loadSuiteArg('full'), ['cpu', 'cuda', 'mps']))
  .add('expand suites/full.yaml (already loaded)', () => expandSuite(full, ['cpu', 'cuda', 'mps']))
  .add('render Markdown of a result file', () => getReporter('md').render(result))
  .add('render console table of a result file', () => getReporter('console').render(result, { color: false }));
await bench.run();

console.log(`Machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}; ${new Date().toISOString()}`);
console.log('Command: npm run bench:self\n');
console.log('| task | median latency | mean ± rme | samples |');
console.log('|---|---|---|---|');
for (const t of bench.tasks) {
  const r = t.result;
  if (!r || r.state !== 'completed') {
    console.log(`| ${t.name} | ${r?.state ?? 'no result'} | | |`);
    continue;
  }
  const l = r.latency;
  console.log(`| ${t.name} | ${l.p50.toFixed(4)} ms | ${l.mean.toFixed(4)} ms ± ${l.rme.toFixed(1)}% | ${l.samplesCount} |`);
}
