#!/usr/bin/env bash
# Issue 12's real A/A and A/B gate comparisons on an NVIDIA GPU host, one backend and one mode per
# call, each sized to fit a 10-minute call (measured on an H200, 2026-12-02; docs/bench/
# h200-gate-aa-2026-12-02b.md):
#   scripts/gate-aa/gpu-host.sh OUTDIR cuda             both modes: 7 identical + 2 slow variants,
#                                                       8 launches (238 s), then 7 + 2 runs (241 s)
#   scripts/gate-aa/gpu-host.sh OUTDIR cuda-seq         sequential only: 7 + 2 runs of 8 launches (about
#                                                       241 s; a fresh set beside another call's work)
#   scripts/gate-aa/gpu-host.sh OUTDIR torch-cuda-il    interleaved: 7 + 2 variants, 5 launches (6 took
#                                                       about 560 s, too close to the limit)
#   scripts/gate-aa/gpu-host.sh OUTDIR torch-cuda-seq   sequential A/A: 7 runs of 5 launches, about 70 s
#                                                       each (21 pairs); no run starts after 500 s
# A torch-cuda launch is a fresh process (about 6 s of `import torch` and CUDA start, then 4 s of
# cases), which is what limits it. Needs node on PATH (`. .portable/activate.sh`, with dist/ built
# and carried), python3 with a CUDA torch, nvcc and cuDNN (CUDNN_ROOT, found from python's
# nvidia.cudnn when unset). Writes summary.md, summary.json, runs.tar.gz and gate-aa.log under
# OUTDIR; prints the table last. Several calls' OUTDIRs are analysed together by copying their
# work/ files into one directory and running gate-aa.mjs there with --reuse.
set -uo pipefail
cd "$(dirname "$0")/../.."
usage="usage: scripts/gate-aa/gpu-host.sh OUTDIR cuda|cuda-seq|torch-cuda-il|torch-cuda-seq"
out=${1:?$usage}
part=${2:?$usage}
export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null)}
export LD_LIBRARY_PATH=${CUDNN_ROOT:+$CUDNN_ROOT/lib:}${LD_LIBRARY_PATH:-}
common=(--out "$out" --suite scripts/gate-aa/gate-gpu.yaml --python python3)
case "$part" in
  cuda) exec node scripts/gate-aa/gate-aa.mjs "${common[@]}" --backends cuda --launches 8 --parts interleaved,sequential \
    --normal 7 --slow 2 --seq 7 --seq-slow 2 --deadline 470 ;;
  cuda-seq) exec node scripts/gate-aa/gate-aa.mjs "${common[@]}" --backends cuda --launches 8 --parts sequential \
    --seq 7 --seq-slow 2 --deadline 300 ;;
  torch-cuda-il) exec node scripts/gate-aa/gate-aa.mjs "${common[@]}" --backends torch-cuda --launches 5 --parts interleaved \
    --normal 7 --slow 2 ;;
  torch-cuda-seq) exec node scripts/gate-aa/gate-aa.mjs "${common[@]}" --backends torch-cuda --launches 5 --parts sequential \
    --seq 7 --seq-slow 0 --deadline 500 ;;
  *) echo "gpu-host: unknown part $part ($usage)" >&2; exit 2 ;;
esac
