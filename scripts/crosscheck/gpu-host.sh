#!/usr/bin/env bash
# Every measurement this project makes on an NVIDIA GPU host, in one go (the host's device time is
# scarce): issue 4's cuda-vs-PyTorch table, then the cuda and torch-cuda backends on the same cases
# in one mpsbench run, then the torch-cuda runner against torch.utils.benchmark (issue 5), then
# `mpsbench doctor` on cuda and torch-cuda (issue 14; its verdict is printed last).
# Needs node on PATH (e.g. `. .portable/activate.sh`), python3 with a CUDA torch, and cuDNN
# (CUDNN_ROOT, found from python's nvidia.cudnn when unset). Usage: scripts/crosscheck/gpu-host.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/../.."  # scripts/crosscheck/ → the repository root
out=${1:?usage: scripts/crosscheck/gpu-host.sh OUTDIR}
mkdir -p "$out"
export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])")}
export LD_LIBRARY_PATH=$CUDNN_ROOT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
machine=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1 | sed 's/^NVIDIA //; s/ .*//' | tr 'A-Z' 'a-z')
{ nvidia-smi -L; date -u; } >&2

scripts/crosscheck/cuda-vs-torch.sh > "$out/cuda-vs-torch.md"

args=()
while IFS= read -r c; do args+=(--case "$c"); done < <(python3 scripts/crosscheck/cuda-vs-torch.py cases)
node bin/mpsbench.js run --backend cuda,torch-cuda --python python3 "${args[@]}" \
  --machine "$machine" --out "$out/cuda-and-torch-cuda.json" --force
python3 scripts/crosscheck/torch-cuda-vs-utils.py "$out/cuda-and-torch-cuda.json" --backend torch-cuda > "$out/torch-cuda-vs-utils.md"
doctor_rc=0
node bin/mpsbench.js doctor --backend cuda,torch-cuda --python python3 --out "$out/doctor.json" --force 2> "$out/doctor.txt" || doctor_rc=$?
cat "$out/cuda-vs-torch.md" "$out/torch-cuda-vs-utils.md" "$out/doctor.txt"
echo "mpsbench doctor exit status: $doctor_rc"
