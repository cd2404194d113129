#!/usr/bin/env bash
# Issue 19 on an NVIDIA GPU host, in one call of about 4 minutes: mpsbench's cuda and torch-cuda
# backends in both timing models (`run --timing streamed`, then `--timing isolated`) on the cases
# of scripts/crosscheck/timing-models.yaml (matmul 1024³/4096³/8192³ in f32/f16/bf16, the MNIST MLP
# step), against an independent PyTorch reference in this call (scripts/crosscheck/timing-refs.py:
# torch.utils.benchmark of one call + torch.cuda.synchronize() for isolated, CUDA events around N
# back-to-back calls for streamed), timed between the two mpsbench runs and again after them (the
# second pass only when the call has run under 230 s); the table compares with the mean of the
# passes. Target: each mode within 3% of its reference.
#
# Usage: scripts/crosscheck/timing-models.sh OUTDIR            GPU host (cuda, torch-cuda)
#        scripts/crosscheck/timing-models.sh OUTDIR --dry-cpu  any machine: cpu and torch-cpu on tiny
#                                                              cases, the plumbing only (no GPU figures)
# Needs node on PATH (`. .portable/activate.sh` on the GPU host: a packed node and a built dist/),
# python3 with torch (PYTHON overrides), and for cuda nvcc and cuDNN (CUDNN_ROOT, found from
# python's nvidia.cudnn when unset). Writes under OUTDIR: table.md (printed last), run.log (every
# command's output, GPU clocks before and after) and results.tar.gz (both mpsbench result JSONs
# and their Markdown reports, both reference passes). Exit 0 when the table was made, 2 when this
# mpsbench has no `run --timing` or a prerequisite is missing, else the failing step's status.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2  # scripts/crosscheck/ → the repository root
usage="usage: scripts/crosscheck/timing-models.sh OUTDIR [--dry-cpu]"
out=${1:-}
dry=${2:-}
if [ -z "$out" ] || [ $# -gt 2 ]; then echo "timing-models: $usage" >&2; exit 2; fi
if [ -n "$dry" ] && [ "$dry" != --dry-cpu ]; then echo "timing-models: unknown option $dry ($usage)" >&2; exit 2; fi
py=${PYTHON:-python3}

# shellcheck source=/dev/null
if ! command -v node >/dev/null 2>&1 && [ -f .portable/activate.sh ]; then . .portable/activate.sh; fi
command -v node >/dev/null 2>&1 || { echo "timing-models: node is not on PATH (. .portable/activate.sh first)" >&2; exit 2; }
help=$(node bin/mpsbench.js run --help 2>&1) || { echo "timing-models: mpsbench does not start: $help" >&2; exit 2; }
if ! grep -q -- '--timing' <<<"$help"; then
  echo "timing-models: this mpsbench has no 'run --timing streamed|isolated' (issue 19's timing models are not on this checkout); nothing was run" >&2
  exit 2
fi
"$py" -c "import torch" 2>/dev/null || { echo "timing-models: $py has no torch (set PYTHON)" >&2; exit 2; }

if [ "$dry" = --dry-cpu ]; then
  backends=cpu,torch-cpu device=cpu suite=scripts/crosscheck/timing-models-dry.yaml machine=$(hostname)-dry
else
  backends=cuda,torch-cuda device=cuda suite=scripts/crosscheck/timing-models.yaml
  export CUDNN_ROOT=${CUDNN_ROOT:-$("$py" -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null)}
  [ -n "$CUDNN_ROOT" ] && export LD_LIBRARY_PATH=$CUDNN_ROOT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  machine=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1 | sed 's/^NVIDIA //; s/ .*//' | tr '[:upper:]' '[:lower:]')
  machine=${machine:-gpu}
fi

mkdir -p "$out" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$out/run.log
: >"$log"
t0=$SECONDS
# step NAME COMMAND...: runs COMMAND with its output in run.log; stops the script on failure
# (mpsbench's exit 3, some case failed, is not a failure here: the table shows that case's status).
step() {
  local name=$1 rc=0
  shift
  echo "== $name ($((SECONDS - t0)) s): $*" >>"$log"
  "$@" >>"$log" 2>&1 || rc=$?
  echo "== $name: exit $rc ($((SECONDS - t0)) s)" >>"$log"
  if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 3 ] && [ "$1" = node ]; }; then
    echo "timing-models: $name failed (exit $rc); last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit "$rc"
  fi
}
clocks() {
  if [ "$device" = cuda ]; then
    nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem,temperature.gpu,power.draw,power.limit --format=csv
  fi
  "$py" -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda)"
  date -u
}

step "host" clocks
[ "$device" = cuda ] && step "build cuda" node bin/mpsbench.js build --backend cuda
run=(node bin/mpsbench.js run "$suite" --backend "$backends" --python "$py" --launches 1 --machine "$machine" --force)
step "mpsbench streamed" "${run[@]}" --timing streamed --out "$tmp/streamed.json" --md "$tmp/streamed.md"
step "reference pass 1" "$py" scripts/crosscheck/timing-refs.py measure "$tmp/ref-1.json" "$tmp/streamed.json" --device "$device"
step "mpsbench isolated" "${run[@]}" --timing isolated --out "$tmp/isolated.json" --md "$tmp/isolated.md"
refs=("$tmp/ref-1.json")
# The second pass only if the call is young enough to stay within about 5 minutes with it.
if [ $((SECONDS - t0)) -lt 230 ]; then
  step "reference pass 2" "$py" scripts/crosscheck/timing-refs.py measure "$tmp/ref-2.json" "$tmp/streamed.json" "$tmp/isolated.json" --device "$device"
  refs+=("$tmp/ref-2.json")
else
  echo "== reference pass 2 skipped: $((SECONDS - t0)) s already" >>"$log"
fi
step "host after" clocks
step "table" "$py" scripts/crosscheck/timing-refs.py table "$tmp/streamed.json" "$tmp/isolated.json" \
  --refs "${refs[@]}" --out "$out/table.md" --command "scripts/crosscheck/timing-models.sh OUTDIR${dry:+ $dry}"
(cd "$tmp" && tar -czf - streamed.json streamed.md isolated.json isolated.md ref-*.json) >"$out/results.tar.gz" || exit 1
echo "timing-models: done in $((SECONDS - t0)) s; $out/table.md, $out/run.log, $out/results.tar.gz" >&2
cat "$out/table.md"
