#!/usr/bin/env bash
# The effect of OPENBLAS_CORETYPE on the cpu backend: matmul 1024 f32, alternately with the
# variable set (default Haswell) and unset, ROUNDS times each, 5 launches per run. Prints one
# line per run and the medians last. Usage: scripts/env-effect/openblas-coretype.sh [CORETYPE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
core=${1:-Haswell}
rounds=${2:-3}
case='matmul m=1024 n=1024 k=1024 dtype=f32'
gflops() { node -e "const r=JSON.parse(require('fs').readFileSync(0,'utf8')).results[0]; console.log((r.throughput.flop_per_s/1e9).toFixed(1))"; }
set_runs=(); unset_runs=()
for i in $(seq "$rounds"); do
  a=$(OPENBLAS_CORETYPE=$core node bin/mpsbench.js run --case "$case" -b cpu --launches 5 --out - 2>/dev/null | gflops)
  b=$(env -u OPENBLAS_CORETYPE node bin/mpsbench.js run --case "$case" -b cpu --launches 5 --out - 2>/dev/null | gflops)
  echo "round $i: OPENBLAS_CORETYPE=$core $a GFLOP/s, unset $b GFLOP/s"
  set_runs+=("$a"); unset_runs+=("$b")
done
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median: OPENBLAS_CORETYPE=$core $(med "${set_runs[@]}") GFLOP/s, unset $(med "${unset_runs[@]}") GFLOP/s ($(uptime | sed 's/.*load average/load average/'))"
