#!/usr/bin/env bash
# Issue target: mpsbench's CPU backend reaches >= 90% of numpy's float32 matmul GFLOP/s at 2048^3,
# on the same machine in the same run. Rounds alternate mpsbench and numpy so drift hits both.
# Runs twice: with the machine's OPENBLAS_* settings as they are, and with them unset (both
# libraries then pick their own kernels). Usage: scripts/crosscheck/cpu-vs-numpy.sh [rounds] > docs/bench/cpu-vs-numpy.md
set -euo pipefail
cd "$(dirname "$0")/../.."  # scripts/crosscheck/ → the repository root
rounds=${1:-3}
n=2048
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

node bin/mpsbench.js build --backend cpu >/dev/null

one_round() { # label, env prefix...
  local label=$1; shift
  env "$@" node bin/mpsbench.js run --backend cpu --case "matmul m=$n n=$n k=$n dtype=f32" \
    --out "$tmp/r.json" --force >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  local ours; ours=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const c = r.results[0]; const blas = r.env.runners.cpu.libraries.blas;
    console.log(JSON.stringify({gflop: c.throughput.flop_per_s / 1e9, median_s: c.stats.median_s, err: c.verify.max_rel_err, blas}));' "$tmp/r.json")
  local theirs; theirs=$(env "$@" "$py" scripts/crosscheck/numpy-matmul.py $n 2.0)
  node -e '
    const [label, o, t] = [process.argv[1], JSON.parse(process.argv[2]), JSON.parse(process.argv[3])];
    console.log(`| ${label} | ${o.gflop.toFixed(1)} | ${t.gflop_per_s.toFixed(1)} | ${(100 * o.gflop / t.gflop_per_s).toFixed(1)}% | ${o.err.toExponential(1)} | ${o.blas} | numpy ${t.numpy}: ${t.blas} |`);' \
    "$label" "$ours" "$theirs"
}

echo "Machine: $(node -e 'console.log(require("os").cpus()[0].model)') × $(nproc), $(uname -sr); date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "Command: scripts/crosscheck/cpu-vs-numpy.sh $rounds"
echo
echo "| round (OPENBLAS_* env) | mpsbench cpu GFLOP/s | numpy GFLOP/s | ratio | mpsbench max_rel_err | mpsbench BLAS | numpy BLAS |"
echo "|---|---|---|---|---|---|---|"
for i in $(seq 1 "$rounds"); do
  one_round "$i (as set: CORETYPE=${OPENBLAS_CORETYPE:-unset})"
  one_round "$i (unset)" -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE
done
