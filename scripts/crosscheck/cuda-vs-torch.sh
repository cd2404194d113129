#!/usr/bin/env bash
# Issue 4's comparison, in one run on an NVIDIA GPU host: mpsbench's cuda backend against an
# independent PyTorch reference (torch.mm, F.conv2d, an MLP step) on the same sizes and math modes.
# Targets: mpsbench's throughput >= 95% of the reference's on every matmul and >= 90% on conv2d,
# and its time within 3% of the reference's event-timed median where both call the same cuBLAS
# kernel (matmul). Method: docs/cuda.md; case list and reference: scripts/crosscheck/cuda-vs-torch.py.
#
# Usage: scripts/crosscheck/cuda-vs-torch.sh [OUTDIR] > report.md
#   OUTDIR keeps both sides' JSON (default: a temporary directory). PYTHON picks the python that
#   has torch (default python3). Build prerequisites of the cuda runner: docs/cuda.md.
set -euo pipefail
cd "$(dirname "$0")/../.."  # scripts/crosscheck/ → the repository root
py=${PYTHON:-python3}
out=${1:-}
if [ -z "$out" ]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out"

node bin/mpsbench.js build --backend cuda >&2
args=()
while IFS= read -r c; do args+=(--case "$c"); done < <("$py" scripts/crosscheck/cuda-vs-torch.py cases)
# A-B-A: the reference before and after mpsbench; the table compares with the mean of the two.
"$py" scripts/crosscheck/cuda-vs-torch.py torch "$out/cuda-vs-torch.torch-1.json"
node bin/mpsbench.js run --backend cuda "${args[@]}" --out "$out/cuda-vs-torch.mpsbench.json" --force >&2
"$py" scripts/crosscheck/cuda-vs-torch.py torch "$out/cuda-vs-torch.torch-2.json" --no-profile
"$py" scripts/crosscheck/cuda-vs-torch.py table "$out/cuda-vs-torch.mpsbench.json" "$out/cuda-vs-torch.torch-1.json" \
  "$out/cuda-vs-torch.torch-2.json" --command "scripts/crosscheck/cuda-vs-torch.sh${1:+ $1}"
