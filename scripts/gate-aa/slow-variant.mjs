/**
 * Makes the deliberately slower build that the real A/B runs of gate-aa.mjs detect: a copy of
 * native/ and of the PyTorch runner, each patched to take FACTOR times as long per timed sample
 * (1.1 by default: 2T at the default 5% threshold). It is a real slowdown of the code under test,
 * not of the numbers:
 *
 * - native, wall timer (cpu): after each batch the harness spins until the batch has taken FACTOR×
 *   its own time;
 * - native, device timer (cuda): each batch runs round(iters × (FACTOR − 1)) (at least 1) more
 *   iterations inside the timed region (+10% at 1.1 when a sample has ≥ 10 iterations, which the
 *   gate suite's GPU cases have);
 * - torch (runners/core/timing.py, a copy of runners/): after the iterations of a sample the runner
 *   synchronises and spins for (FACTOR − 1) × the time so far before the device timer stops, so CUDA events
 *   and the wall clock both include it.
 *
 * Usage (from the repository root): node scripts/gate-aa/slow-variant.mjs WORKDIR PYTHON [FACTOR]
 * Prints JSON { native, python } : the native/ tree and a python wrapper for `--variant
 * NAME:native=…,python=…`. The wrapper runs PYTHON on the patched runner, whose probe
 * (`runner.py --probe`) reports the wrapper as the executable that mpsbench then starts.
 */
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [work, python, factorText = '1.1'] = process.argv.slice(2);
const factor = Number(factorText);
if (!work || !python || !(factor > 1 && factor <= 10)) {
  console.error('usage: node scripts/gate-aa/slow-variant.mjs WORKDIR PYTHON [FACTOR, 1 < FACTOR ≤ 10, default 1.1]');
  process.exit(2);
}
const extra = Number((factor - 1).toFixed(6));

/** Replaces `from` by `to` in `file`, failing loudly when the anchor is gone. */
function patch(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) {
    console.error(`slow-variant: anchor not found in ${file}; update scripts/gate-aa/slow-variant.mjs`);
    process.exit(1);
  }
  writeFileSync(file, text.replace(from, to));
}

const native = resolve(work, 'native-slow');
mkdirSync(work, { recursive: true });
cpSync('native', native, { recursive: true, filter: (src) => !/[/\\]build($|[/\\])/.test(src) });
patch(join(native, 'harness/src/timing.cpp'),
  `  const int64_t t0 = clock.now_ns();
  const BatchTimes times = run_batch(iters);
  return {static_cast<double>(clock.now_ns() - t0), times.device_ns, times.encode_ns};`,
  `  const int64_t t0 = clock.now_ns();
  BatchTimes times = run_batch(iters);
  // gate-aa slow variant: ${factor}× the time per sample (scripts/gate-aa/slow-variant.mjs).
  if (times.device_ns.has_value()) {
    const BatchTimes more = run_batch(std::max<int64_t>(1, std::llround(static_cast<double>(iters) * ${extra})));
    times.device_ns = *times.device_ns + more.device_ns.value_or(0.0);
  } else {
    const int64_t spent = clock.now_ns() - t0;
    while (clock.now_ns() - t0 < spent + static_cast<int64_t>(static_cast<double>(spent) * ${extra})) {
    }
  }
  return {static_cast<double>(clock.now_ns() - t0), times.device_ns, times.encode_ns};`);

const runners = resolve(work, 'runners-slow');
cpSync('runners', runners, { recursive: true, filter: (src) => !src.includes('__pycache__') });
const runner = join(runners, 'torch', 'runner.py');
patch(join(runners, 'core', 'timing.py'),
  `            for _ in range(iters):
                step()
`,
  `            for _ in range(iters):
                step()
            sync()  # gate-aa slow variant: ${factor}x the time per sample, inside the device timer too
            _spent = time.perf_counter_ns() - t0
            while time.perf_counter_ns() - t0 < ${factor} * _spent:
                pass
`);

const wrapper = resolve(work, 'python-slow.sh');
// mpsbench probes with `PYTHON runner.py --probe` and then starts the `executable` the probe
// reports: the patched copy reports the wrapper, so that every launch goes through it.
patch(join(runners, 'core', 'cli.py'), '"executable": sys.executable', `"executable": ${JSON.stringify(wrapper)}`);
writeFileSync(wrapper, `#!/bin/sh
# gate-aa slow variant: the torch runner's path comes first; run the patched copy instead (its
# probe reports this wrapper as the executable, so mpsbench starts every launch through it).
case "$1" in
  *runner.py) shift; exec "${python}" "${runner}" "$@" ;;
  *) exec "${python}" "$@" ;;
esac
`);
chmodSync(wrapper, 0o755);
console.log(JSON.stringify({ native, python: wrapper }));
