/**
 * Measures the error rates of `mpsbench compare`'s gate by simulation (issue 3; method and tables in docs/gating.md):
 * for each noise shape and injected slowdown δ ∈ {0, T, 2T, 4T}, draw `trials` seeded A/B pairs of
 * K launches × m iterations and count how often each rule (scripts/gate-sim/sim/rules.ts) says
 * "regression". At δ = 0 that is the false-positive rate; above it, the detection rate. Each rate
 * gets a 95% Wilson interval. Prints a Markdown table (docs/gating.md records one).
 *
 * Build and run (see docs/gating.md):
 *   npx tsc -p scripts/gate-sim/tsconfig.json && node tmp/gate-sim/scripts/gate-sim/gate-sim.js [--trials 500] [--launches 10] [--shapes bimodal,drift] [--candidates]
 *
 * The default shapes are the four the rule was chosen on; the held-out ones (`bimodal-40`,
 * `kernel-2x`) run with --shapes. --candidates adds the estimators of scripts/gate-sim/sim/candidates.ts.
 * --runs switches to the scenarios of scripts/gate-sim/sim/runs.ts (per-run shift, per-run share of a
 * slower kernel mode, drift and load within a run) and compares sequential and interleaved
 * measuring with the rules of scripts/gate-sim/sim/run-rules.ts.
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { columns, decisions, wilson } from './sim/rules.js';
import { SHAPES, side, trialRng } from './sim/noise.js';
import { RUN_COLUMNS, runDecisions } from './sim/run-rules.js';
import { drawRuns, RUN_SCENARIOS } from './sim/runs.js';

const THRESHOLD = 0.05;
const DELTAS = [0, 1, 2, 4].map((x) => x * THRESHOLD);

/** What one cell of the table needs. */
interface Cell {
  shape: number;
  delta: number;
  trials: number;
  launches: number;
  iterations: number;
  seed: number;
  candidates: boolean;
  /** `--runs`: `shape` indexes RUN_SCENARIOS, and the columns are RUN_COLUMNS. */
  runs: boolean;
}

/** Regression counts per rule for one (shape, δ) cell. */
function runCell(cell: Cell): Record<string, number> {
  if (cell.runs) return runRunsCell(cell);
  const shape = SHAPES[cell.shape];
  if (shape === undefined) throw new Error(`no shape ${cell.shape}`);
  const names = columns(cell.candidates);
  const hits = Object.fromEntries(names.map((r) => [r, 0]));
  const trueTime = 1e-3;
  for (let t = 0; t < cell.trials; t++) {
    const rng = trialRng(cell.seed, cell.shape, cell.delta, t);
    const base = side(shape, rng, trueTime, cell.launches, cell.iterations);
    const cur = side(shape, rng, trueTime * (1 + (DELTAS[cell.delta] ?? 0)), cell.launches, cell.iterations);
    const said = decisions(base, cur, THRESHOLD, cell.candidates);
    for (const name of names) if (said[name] === true) hits[name] = (hits[name] ?? 0) + 1;
  }
  return hits;
}

/** Regression (and unstable) counts per measuring mode for one (run scenario, δ) cell. */
function runRunsCell(cell: Cell): Record<string, number> {
  const scenario = RUN_SCENARIOS[cell.shape];
  if (scenario === undefined) throw new Error(`no run scenario ${cell.shape}`);
  const hits: Record<string, number> = Object.fromEntries(RUN_COLUMNS.map((r) => [r, 0]));
  for (let t = 0; t < cell.trials; t++) {
    const rng = trialRng(cell.seed, cell.shape + 100, cell.delta, t);
    const said = runDecisions(drawRuns(scenario, rng, cell.launches, cell.iterations, DELTAS[cell.delta] ?? 0), THRESHOLD);
    for (const name of RUN_COLUMNS) if (said[name] === true) hits[name] = (hits[name] ?? 0) + 1;
  }
  return hits;
}

/** Runs the cells on `workers` threads, in order of submission. */
async function runAll(cells: Cell[], workers: number): Promise<Record<string, number>[]> {
  const out: Record<string, number>[] = new Array<Record<string, number>>(cells.length);
  let next = 0;
  const worker = (): Promise<void> => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: null });
    const feed = (): void => {
      if (next >= cells.length) { void w.terminate().then(() => resolve()); return; }
      const i = next++;
      w.once('message', (hits: Record<string, number>) => { out[i] = hits; feed(); });
      w.postMessage(cells[i]);
    };
    w.on('error', reject);
    feed();
  });
  await Promise.all(Array.from({ length: workers }, worker));
  return out;
}

function rate(k: number, n: number): string {
  const [lo, hi] = wilson(k, n);
  return `${(k / n).toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`;
}

/** The Markdown table of all cells. */
function table(cells: Cell[], results: Record<string, number>[]): string {
  const RULE_NAMES = cells[0]?.runs ? [...RUN_COLUMNS] : columns(cells[0]?.candidates ?? false);
  const head = `| noise | true change | ${RULE_NAMES.join(' | ')} |`;
  const rule = `|---|---|${RULE_NAMES.map(() => '---').join('|')}|`;
  const rows = cells.map((c, i) => {
    const hits = results[i] ?? {};
    const d = DELTAS[c.delta] ?? 0;
    const label = d === 0 ? '0 (FP)' : `+${(d * 100).toFixed(0)}% (${d / THRESHOLD}T)`;
    const name = c.runs ? RUN_SCENARIOS[c.shape]?.name : SHAPES[c.shape]?.name;
    return `| ${name ?? '?'} | ${label} | ${RULE_NAMES.map((r) => rate(hits[r] ?? 0, c.trials)).join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '500' },
      shapes: { type: 'string', default: SHAPES.filter((x) => !x.heldOut).map((x) => x.name).join(',') },
      candidates: { type: 'boolean', default: false },
      runs: { type: 'boolean', default: false },
      launches: { type: 'string', default: '10' },
      iterations: { type: 'string', default: '20' },
      seed: { type: 'string', default: '20250611' },
      workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    },
  });
  const base = { trials: Number(values.trials), launches: Number(values.launches), iterations: Number(values.iterations), seed: Number(values.seed), candidates: values.candidates, runs: values.runs };
  const wanted = values.shapes.split(',');
  const pool: readonly { name: string; description: string }[] = values.runs ? RUN_SCENARIOS : SHAPES;
  const chosen = values.runs && !process.argv.includes('--shapes')
    ? RUN_SCENARIOS.map((_s, i) => i)
    : pool.flatMap((s, i) => (wanted.includes(s.name) ? [i] : []));
  const cells: Cell[] = chosen.flatMap((shape) => DELTAS.map((_d, delta) => ({ ...base, shape, delta })));
  const started = Date.now();
  const results = await runAll(cells, Number(values.workers));
  console.log(`gate simulation${base.runs ? ' (runs: sequential vs interleaved)' : ''}: T = ${THRESHOLD * 100}%, ${base.launches} launches × ${base.iterations} iterations per side, ${base.trials} trials per cell, seed ${base.seed}${base.candidates ? ', with candidates (B = 2000)' : ''}`);
  for (const s of chosen.map((i) => pool[i]).filter((x) => x !== undefined)) console.log(`- ${s.name}: ${s.description}`);
  console.log('');
  console.log(table(cells, results));
  const cpu = process.cpuUsage();
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${values.workers} worker(s)`);
}

if (isMainThread) {
  await main();
} else {
  void workerData;
  parentPort?.on('message', (cell: Cell) => parentPort?.postMessage(runCell(cell)));
}
