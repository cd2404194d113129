// Speed targets of the tool itself (issue 2): `mpsbench --help` under 300 ms, and the default
// suite under 60 s on a 2-core machine with the CPU backend. Spawns the built CLI like a user,
// next to a bare `node -e ""` so the ratio shows what mpsbench adds to Node's own start-up.
// Run: npm run build && node scripts/self/tool-speed.mjs   (prints Markdown; docs/performance.md records it)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/mpsbench.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(args, runs, opts = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs };
}

spawnSync(process.execPath, [bin, 'build', '--backend', 'cpu'], { stdio: 'ignore' });
const bare = timeIt(['-e', ''], 15);
const help = timeIt([bin, '--help'], 15);
const cwd = mkdtempSync(join(os.tmpdir(), 'mpsbench-speed-'));
const suite = timeIt([bin, 'run', 'default', '--backend', 'cpu', '--out', join(cwd, 'r.json')], 1, { cwd });

const row = (name, t, target) => `| ${name} | ${t.median.toFixed(0)} ms | ${t.min.toFixed(0)}–${t.max.toFixed(0)} ms | ${t.runs} | ${target} |`;
console.log(`Machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, load average ${os.loadavg()[0].toFixed(2)} at the end, Node ${process.version}; ${new Date().toISOString()}`);
console.log('Command: npm run build && node scripts/self/tool-speed.mjs\n');
console.log('| what | median | range | runs | target |');
console.log('|---|---|---|---|---|');
console.log(row('node -e "" (Node start-up alone)', bare, '—'));
console.log(row('mpsbench --help', help, '< 300 ms'));
console.log(row('mpsbench run default --backend cpu (runner already built)', suite, '< 60 000 ms'));
