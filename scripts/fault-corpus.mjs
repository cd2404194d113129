#!/usr/bin/env node
// The whole fault corpus, timed: the runner-fault, round-two and bad-input e2e files through
// vitest (wall time of the lot), then the readers at scale: `report` of 10k and 40k cases and
// `compare` of two 100k-result files (the READ_LIMITS maximum; no verdicts, so exit 2 or 3, never a crash), each timed. Usage, after
// `npm run build`: node scripts/fault-corpus.mjs. Prints one table; exit 1 if a step failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/mpsbench.js');
const rows = [];
let failed = false;

function timed(label, cmd, args, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' }, ...opts });
  const s = (performance.now() - t0) / 1000;
  const ok = opts.expect ? opts.expect(r) : r.status === 0;
  if (!ok) {
    failed = true;
    process.stderr.write(`${label}: exit ${r.status}\n${(r.stderr ?? '').slice(-2000)}\n`);
  }
  rows.push([label, `${s.toFixed(1)} s`, ok ? 'ok' : `FAILED (exit ${r.status})`]);
}

/** A result file of `n` ok cases, from the small fixture's first ok case. */
function resultFile(n) {
  const doc = JSON.parse(readFileSync(join(root, 'test/fixtures/results/small.json'), 'utf8'));
  const base = doc.results.find((c) => c.status === 'ok');
  doc.results = Array.from({ length: n }, (_, i) => ({ ...base, key: `${base.backend}/matmul m=${i + 1} n=8 k=8 dtype=f32`, spec: `matmul m=${i + 1} n=8 k=8 dtype=f32`, params: { ...base.params, m: i + 1 } }));
  return JSON.stringify(doc);
}

timed('fault corpus (e2e faults, faults-round2, bad-inputs)', process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/e2e/faults.test.ts', 'test/e2e/faults-round2.test.ts', 'test/e2e/bad-inputs.test.ts']);
const dir = mkdtempSync(join(tmpdir(), 'mpsbench-corpus-'));
try {
  for (const n of [10_000, 40_000]) {
    writeFileSync(join(dir, `r${n}.json`), resultFile(n));
    timed(`report of ${n} cases`, process.execPath, [bin, 'report', join(dir, `r${n}.json`), '--out', join(dir, `r${n}.md`)]);
  }
  writeFileSync(join(dir, 'c.json'), resultFile(100_000));
  timed('compare of two 100000-result files', process.execPath, [bin, 'compare', join(dir, 'c.json'), join(dir, 'c.json')], { expect: (r) => r.status !== null && r.status <= 3 && !/\n\s+at |RangeError|Maximum call stack/.test(r.stderr) });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const w = Math.max(...rows.map((r) => r[0].length));
process.stdout.write(`${'step'.padEnd(w)}  wall     result\n`);
for (const [l, t, ok] of rows) process.stdout.write(`${l.padEnd(w)}  ${t.padStart(7)}  ${ok}\n`);
process.exit(failed ? 1 : 0);
