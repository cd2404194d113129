/**
 * Real A/A and A/B gate comparisons on this machine (issue 12; docs/gating.md "Real runs"):
 *
 * - interleaved: ONE run of the gate suite with N identical variants and S variants of a
 *   deliberately ~10% slower build (slow-variant.mjs), launches interleaved per case. Every pair
 *   of identical variants is an A/A comparison (N(N−1)/2 + S(S−1)/2), every (normal, slow) pair
 *   an A/B one at 2T;
 * - sequential: Q runs of the normal build and R runs of the slow one, one after the other (normal
 *   and slow alternating at first), each a separate `mpsbench run`; every two runs of one build are
 *   an A/A comparison, every (normal, slow) pair an A/B one;
 * - speed (optional): the time to a verdict of one two-variant interleaved A/B run of the suite.
 *
 * Every comparison is `mpsbench compare` on the files (through dist/, the same code as the CLI).
 * A comparison is a false regression when an A/A comparison exits 1; a case verdict
 * `regression` in an A/B comparison is a detection. Rates carry 95% Wilson intervals.
 *
 * Usage, from the repository root after `npm run build`:
 *   node scripts/gate-aa/gate-aa.mjs --out DIR [--backends cpu,torch-cpu] [--suite suites/gate.yaml]
 *        [--launches 10] [--normal 7] [--slow 3] [--seq 7] [--seq-slow 3] [--parts interleaved,sequential,speed]
 *        [--threads N]          (every variant runs CPU backends with N compute threads)
 *        [--slow-factor 1.1]    (the slow build's time per sample, × the normal one's)
 *        [--threshold 0.05]     (the gate's T, as compare --threshold; the suite's or 5% otherwise)
 *        [--deadline SECONDS]   (no further sequential run starts after SECONDS from the start)
 *        [--reuse]              (keep result files already in DIR/work instead of running them again)
 * Writes under DIR: summary.md (the tables), summary.json (every verdict), runs.tar.gz (result
 * files and run logs), gate-aa.log; prints the short table last.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareResults, compareWithin } from '../../dist/index.js';
import { readResultFile } from '../../dist/results/read.js';

const { values: o } = parseArgs({
  options: {
    out: { type: 'string' },
    backends: { type: 'string', default: 'cpu,torch-cpu' },
    suite: { type: 'string', default: 'suites/gate.yaml' },
    launches: { type: 'string', default: '10' },
    normal: { type: 'string', default: '7' },
    slow: { type: 'string', default: '3' },
    seq: { type: 'string', default: '7' },
    'seq-slow': { type: 'string', default: '3' },
    parts: { type: 'string', default: 'interleaved,sequential' },
    python: { type: 'string' },
    threads: { type: 'string' },
    'slow-factor': { type: 'string', default: '1.1' },
    threshold: { type: 'string' },
    deadline: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
if (!o.out) {
  console.error('usage: node scripts/gate-aa/gate-aa.mjs --out DIR [options] (see the file header)');
  process.exit(2);
}
const STARTED = Date.now();
const OUT = resolve(o.out);
const WORK = join(OUT, 'work');
mkdirSync(WORK, { recursive: true });
const LOG = join(OUT, 'gate-aa.log');
const parts = o.parts.split(',');
const POLICY = { minLaunches: 5, failOnInconclusive: false, ...(o.threshold ? { threshold: Number(o.threshold) } : {}) };

function log(line) {
  const text = `[${new Date().toISOString()}] ${line}`;
  appendFileSync(LOG, `${text}\n`);
  console.error(text);
}

/** The first interpreter that imports torch (the one the normal variants name explicitly). */
function torchPython() {
  for (const p of [o.python, process.env.MPSBENCH_PYTHON, 'python3', '/usr/bin/python3']) {
    if (p && spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return p;
  }
  return 'python3';
}

/** One `mpsbench run`; returns its wall seconds. Output goes to a log file in WORK. */
function run(name, variantArgs) {
  if (o.reuse && existsSync(join(WORK, `${name}.json`))) {
    log(`${name}: reusing ${join(WORK, `${name}.json`)} (--reuse)`);
    return 0;
  }
  const args = ['bin/mpsbench.js', 'run', o.suite, '--backend', o.backends, '--launches', o.launches, ...variantArgs, '--out', join(WORK, `${name}.json`), '--force'];
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const secs = (Date.now() - t0) / 1000;
  writeFileSync(join(WORK, `${name}.log`), `$ node ${args.join(' ')}\n${r.stdout}\n${r.stderr}\nexit ${r.status}, ${secs.toFixed(1)} s\n`);
  log(`${name}: exit ${r.status}, ${secs.toFixed(1)} s, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (r.status !== 0 && r.status !== 3) throw new Error(`${name} failed (exit ${r.status}); see ${join(WORK, `${name}.log`)}`);
  return secs;
}

/** A compare report reduced to what the tables count. */
function digest(kind, mode, label, report) {
  return {
    kind, mode, label, exitCode: report.exitCode,
    cases: report.cases.map((c) => ({ key: c.key, verdict: c.verdict, change: c.ci?.ratio, lo: c.ci?.lo, hi: c.ci?.hi, fast: c.fast?.ratio, modes: c.modality?.note })),
  };
}

const python = torchPython();
const slow = JSON.parse(execFileSync(process.execPath, ['scripts/gate-aa/slow-variant.mjs', WORK, python, o['slow-factor']], { encoding: 'utf8' }));
const THREADS = o.threads ? `,threads=${o.threads}` : '';
const NORMAL = `python=${python}${THREADS}`;
const SLOW = `native=${slow.native},python=${slow.python}${THREADS}`;
log(`machine ${hostname()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}; backends ${o.backends}; suite ${o.suite}; ${o.launches} launches; python ${python}; slow ×${o['slow-factor']}; threshold ${o.threshold ?? 'the suite\'s'}`);

const comparisons = [];
const timings = {};

if (parts.includes('interleaved')) {
  const n = Number(o.normal);
  const s = Number(o.slow);
  const names = [...Array.from({ length: n }, (_, i) => `n${i + 1}`), ...Array.from({ length: s }, (_, i) => `s${i + 1}`)];
  const args = names.flatMap((v) => ['--variant', `${v}:${v.startsWith('n') ? NORMAL : SLOW}`]);
  timings.interleaved = run('interleaved', args);
  const file = await readResultFile(join(WORK, 'interleaved.json'));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i], names[j]];
      const kind = a[0] === b[0] ? 'A/A' : 'A/B 2T';
      comparisons.push(digest(kind, 'interleaved', `${a}→${b}`, compareWithin(file, POLICY, { base: a, head: b })));
    }
  }
}

if (parts.includes('sequential')) {
  const q = Number(o.seq);
  const r = Number(o['seq-slow']);
  const order = [];
  for (let i = 1; i <= Math.max(q, r); i++) {
    if (i <= q) order.push(`seq-n${i}`);
    if (i <= r) order.push(`seq-s${i}`);
  }
  timings.sequential = 0;
  const done = [];
  for (const name of order) {
    const kept = o.reuse && existsSync(join(WORK, `${name}.json`));
    if (!kept && o.deadline !== undefined && (Date.now() - STARTED) / 1000 > Number(o.deadline)) {
      log(`--deadline ${o.deadline} s passed: ${order.length - done.length} sequential run(s) left out`);
      break;
    }
    timings.sequential += run(name, ['--variant', `x:${name.startsWith('seq-n') ? NORMAL : SLOW}`]);
    done.push(name);
  }
  order.splice(0, order.length, ...done);
  const files = Object.fromEntries(await Promise.all(order.map(async (f) => [f, await readResultFile(join(WORK, `${f}.json`))])));
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const [a, b] = [order[i], order[j]];
      const kind = a.slice(0, 5) === b.slice(0, 5) ? 'A/A' : 'A/B 2T';
      // The slow build is always the current side of an A/B comparison.
      const [base, head] = kind === 'A/A' || a.startsWith('seq-n') ? [a, b] : [b, a];
      comparisons.push(digest(kind, 'sequential', `${base}→${head}`, compareResults(files[base], files[head], POLICY, { baseline: base, current: head })));
    }
  }
}

if (parts.includes('speed')) {
  const t0 = Date.now();
  run('speed', ['--variant', `base:${NORMAL}`, '--variant', `head:${SLOW}`]);
  const file = await readResultFile(join(WORK, 'speed.json'));
  const report = compareWithin(file, POLICY);
  timings.speed = (Date.now() - t0) / 1000;
  comparisons.push(digest('A/B 2T', 'speed', 'base→head', report));
}

/** 95% Wilson score interval. */
function wilson(k, n) {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
const rate = (k, n) => {
  const [lo, hi] = wilson(k, n);
  return `${k}/${n} = ${(n ? k / n : 0).toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`;
};

const rows = [];
for (const mode of ['interleaved', 'sequential', 'speed']) {
  for (const kind of ['A/A', 'A/B 2T']) {
    const cs = comparisons.filter((c) => c.mode === mode && c.kind === kind);
    if (cs.length === 0) continue;
    const verdicts = cs.flatMap((c) => c.cases.map((x) => x.verdict));
    const count = (v) => verdicts.filter((x) => x === v).length;
    const flagged = cs.filter((c) => c.exitCode === 1).length;
    const tally = ['regression', 'unstable', 'inconclusive', 'unchanged', 'improvement', 'failed'].map((v) => `${count(v)} ${v}`).join(', ');
    rows.push(`| ${mode} | ${kind} | ${cs.length} | ${rate(flagged, cs.length)} | ${rate(count('regression'), verdicts.length)} | ${tally} |`);
  }
}
const head = '| mode | comparison | suite comparisons | exit 1 (suite) | case verdicts `regression` | all case verdicts |\n|---|---|---|---|---|---|';
const perCase = [];
for (const mode of ['interleaved', 'sequential']) {
  const keys = [...new Set(comparisons.filter((c) => c.mode === mode).flatMap((c) => c.cases.map((x) => x.key)))];
  for (const key of keys) {
    for (const kind of ['A/A', 'A/B 2T']) {
      const cs = comparisons.filter((c) => c.mode === mode && c.kind === kind).flatMap((c) => c.cases.filter((x) => x.key === key));
      if (cs.length === 0) continue;
      const ch = cs.map((x) => x.change).filter((x) => x !== undefined).sort((a, b) => a - b);
      const med = ch.length ? ch[Math.floor(ch.length / 2)] : undefined;
      perCase.push(`| ${mode} | ${kind} | \`${key}\` | ${cs.filter((x) => x.verdict === 'regression').length}/${cs.length} | ${cs.filter((x) => x.verdict === 'unchanged').length} | ${med === undefined ? '—' : `${((med - 1) * 100).toFixed(1)}%`} |`);
    }
  }
}
const caseHead = '| mode | comparison | case | regression | unchanged | median change |\n|---|---|---|---|---|---|';
const times = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ');
const md = [
  `gate-aa on ${hostname()} (${cpus().length} × ${cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}, backends ${o.backends}, ${o.suite}, ${o.launches} launches, slow ×${o['slow-factor']}, threshold ${o.threshold ?? 'the suite\'s'}; wall: ${times}`,
  '', head, ...rows, '', caseHead, ...perCase, '',
].join('\n');
writeFileSync(join(OUT, 'summary.md'), md);
writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ options: o, python, timings, comparisons }, null, 1));
if (existsSync(WORK)) spawnSync('tar', ['-czf', join(OUT, 'runs.tar.gz'), '--exclude=native-slow', '-C', OUT, 'work'], { stdio: 'ignore' });
if (!o.reuse) spawnSync('rm', ['-rf', WORK]);
console.log(md);
console.log([head, ...rows].join('\n'));
