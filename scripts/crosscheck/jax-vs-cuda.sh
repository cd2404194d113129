#!/usr/bin/env bash
# Issue 15's check, in one run on an NVIDIA GPU host with JAX and its CUDA plugin: the Python runner
# tests (core, and the torch and jax conformance tests on every device they see), check-runner for
# jax-cpu, jax-cuda and torch-cuda, then jax-cuda against the native cuda backend on the same matmul and conv2d
# cases in one mpsbench run (target: jax-cuda within 5% of cuda), with XLA's optimized HLO dumped to
# say which library call and algorithm XLA chose, then jax-cpu on the f32 cases (verification end
# to end). Cases: scripts/crosscheck/jax-vs-cuda.yaml; table: scripts/crosscheck/jax-vs-cuda.py.
#
# Needs node on PATH (`. .portable/activate.sh`, with dist/ built and carried), python3 with jax
# and torch, nvcc and cuDNN (CUDNN_ROOT, found from python's nvidia.cudnn when unset).
# Usage: scripts/crosscheck/jax-vs-cuda.sh OUTDIR   (writes 8 files there; prints the table last)
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: scripts/crosscheck/jax-vs-cuda.sh OUTDIR}
mkdir -p "$out"
export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null)}
export LD_LIBRARY_PATH=${CUDNN_ROOT:+$CUDNN_ROOT/lib:}${LD_LIBRARY_PATH:-}
export MPSBENCH_PYTHON=${MPSBENCH_PYTHON:-python3}
machine=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1 | sed 's/^NVIDIA //; s/ .*//' | tr 'A-Z' 'a-z')
checks=$out/checks.txt
suite=scripts/crosscheck/jax-vs-cuda.yaml
dump=$(mktemp -d)
trap 'rm -rf "$dump"' EXIT

{ nvidia-smi -L; nvidia-smi --query-gpu=driver_version,clocks.sm,clocks.mem --format=csv; date -u
  python3 -c "import jax, jaxlib, torch; print('jax', jax.__version__, 'jaxlib', jaxlib.__version__, jax.devices(), 'torch', torch.__version__)"
} > "$out/host.txt" 2>&1

{ echo "## python3 -m unittest discover -s runners/tests -v"
  python3 -m unittest discover -s runners/tests -v 2>&1
  echo "## build cuda"; node bin/mpsbench.js build --backend cuda 2>&1 | tail -5
  for b in jax-cpu jax-cuda torch-cuda; do echo "## check-runner --backend $b"; node bin/mpsbench.js check-runner --backend "$b" 2>&1; done
  echo "## run cuda,jax-cuda"
} > "$checks"

XLA_FLAGS="${XLA_FLAGS:-} --xla_dump_to=$dump --xla_dump_hlo_as_text" \
  node bin/mpsbench.js run "$suite" --backend cuda,jax-cuda --machine "$machine" --out "$out/jax-vs-cuda.json" --force >> "$checks" 2>&1
python3 scripts/crosscheck/jax-vs-cuda.py xla "$dump" > "$out/xla-modules.txt"
echo "## run jax-cpu" >> "$checks"
node bin/mpsbench.js run "$suite" --backend jax-cpu --machine "$machine" --out "$out/jax-cpu.json" --force >> "$checks" 2>&1
python3 scripts/crosscheck/jax-vs-cuda.py table "$out/jax-vs-cuda.json" "$out/jax-cpu.json" "$out/xla-modules.txt" \
  --command "scripts/crosscheck/jax-vs-cuda.sh $1" > "$out/table.md"
status=$?
grep -E "^(FAIL|ERROR|Ran |OK|FAILED)|skipped '|all [0-9]+ checks|FAIL " "$checks" | head -40
cat "$out/table.md"
exit $status
