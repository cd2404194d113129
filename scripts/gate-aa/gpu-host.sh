#!/usr/bin/env bash
# Issue 12's real A/A and A/B gate comparisons on an NVIDIA GPU host (cuda and torch-cuda), in at
# most two calls of about 8 minutes each:
#   scripts/gate-aa/gpu-host.sh OUTDIR interleaved   one run, 7 identical variants + 2 slow ones
#   scripts/gate-aa/gpu-host.sh OUTDIR sequential    7 + 2 separate runs (stops starting runs at 7 min)
# Needs node on PATH (`. .portable/activate.sh`, with dist/ built and carried), python3 with a CUDA
# torch, nvcc and cuDNN (CUDNN_ROOT, found from python's nvidia.cudnn when unset). Writes
# summary.md, summary.json, runs.tar.gz and gate-aa.log under OUTDIR; prints the table last.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: scripts/gate-aa/gpu-host.sh OUTDIR interleaved|sequential}
part=${2:?usage: scripts/gate-aa/gpu-host.sh OUTDIR interleaved|sequential}
export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null)}
export LD_LIBRARY_PATH=${CUDNN_ROOT:+$CUDNN_ROOT/lib:}${LD_LIBRARY_PATH:-}
common=(--out "$out" --backends cuda,torch-cuda --suite scripts/gate-aa/gate-gpu.yaml --launches 8 --python python3)
case "$part" in
  interleaved) exec node scripts/gate-aa/gate-aa.mjs "${common[@]}" --parts interleaved --normal 7 --slow 2 ;;
  sequential) exec node scripts/gate-aa/gate-aa.mjs "${common[@]}" --parts sequential --seq 7 --seq-slow 2 --deadline 420 ;;
  *) echo "unknown part $part (interleaved or sequential)" >&2; exit 2 ;;
esac
