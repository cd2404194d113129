#!/usr/bin/env bash
# Issue 16 on an NVIDIA GPU host, in one call of about 3-4 minutes: builds the cuda runner (cuDNN
# from CUDNN_ROOT, else python's nvidia.cudnn); attention on cuda and torch-cuda at (batch 4, heads
# 32, length 4096, head dim 128, causal and not, f16 and bf16), verified; the same attention on
# torch-cuda limited to its flash kernel (MPSBENCH_TORCH_SDPA=flash); bandwidth copy and triad at
# 1 GiB per array on both backends; two matmuls for the report's compute roofs; the report and
# roofline chart of the run.
#
# If the runner with cuDNN's fused attention (native/backends/cuda/cudnn_attention.cpp) fails to
# build, the script prints the first compiler errors and goes on with a runner built with
# MPSBENCH_CUDNN_ATTENTION=OFF (attention on the unfused kernels; info.why_unfused says so).
#
# Writes under OUT (5 files): run.json, flash.json, table.md, build.log, extras.tar.gz (report.md,
# report.html, roofline-*.svg, the runs' markdown tables). Prints table.md last.
# Usage: scripts/crosscheck/issue16-gpu.sh OUT   (node on PATH or .portable/activate.sh; dist/ built)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
out=${1:?usage: scripts/crosscheck/issue16-gpu.sh OUT}
mkdir -p "$out"
[ -f .portable/activate.sh ] && . .portable/activate.sh
command -v node >/dev/null || { echo "issue16-gpu.sh: node not found (source .portable/activate.sh)" >&2; exit 2; }
[ -f dist/cli.js ] || [ -d dist ] || { echo "issue16-gpu.sh: dist/ missing (carry it)" >&2; exit 2; }

export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null || true)}
# cuDNN dlopens its sub-libraries and, for its runtime-compiled fused attention engines, NVRTC:
# put every NVIDIA wheel folder holding libcudnn or libnvrtc on the loader's path.
nv_dirs=$(python3 -c "import nvidia, os; print(' '.join(os.path.abspath(p) for p in nvidia.__path__))" 2>/dev/null || true)
lib_dirs=""
if [ -n "$nv_dirs" ]; then
  # shellcheck disable=SC2086
  lib_dirs=$(find $nv_dirs -maxdepth 4 \( -name 'libcudnn.so*' -o -name 'libnvrtc*.so*' \) \
    -printf '%h\n' 2>/dev/null | sort -u | paste -sd: -)
fi
[ -n "$CUDNN_ROOT" ] && lib_dirs=$CUDNN_ROOT/lib${lib_dirs:+:$lib_dirs}
export LD_LIBRARY_PATH=${lib_dirs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ nvidia-smi -L; date -u; python3 -c "import torch; print('torch', torch.__version__, 'cudnn', torch.backends.cudnn.version())";
  echo "CUDNN_ROOT=$CUDNN_ROOT"; echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"; } >&2

# The runner, with cuDNN's fused attention; else without it.
build_note="cuda runner built with cuDNN's fused attention"
if ! node bin/mpsbench.js build --backend cuda --force --verbose >"$out/build.log" 2>&1; then
  echo "=== the cuda runner with cuDNN's fused attention did not build; first compiler errors:" >&2
  grep -m 15 -E 'error|Error' "$out/build.log" >&2 || tail -n 15 "$out/build.log" >&2
  export MPSBENCH_CUDNN_ATTENTION=OFF MPSBENCH_CACHE_DIR="$tmp/cache-unfused"
  build_note="cuDNN attention build FAILED (see build.log); runner rebuilt with MPSBENCH_CUDNN_ATTENTION=OFF"
  echo "=== rebuilding with MPSBENCH_CUDNN_ATTENTION=OFF" >>"$out/build.log"
  if ! node bin/mpsbench.js build --backend cuda --force --verbose >>"$out/build.log" 2>&1; then
    build_note="cuda runner did not build even without cuDNN attention (see build.log)"
    tail -n 15 "$out/build.log" >&2
  fi
fi
grep -m 3 'mpsbench: CUDA runner' "$out/build.log" >&2 || true
echo "$build_note" >&2

attn=()
for causal in false true; do
  for dtype in f16 bf16; do
    attn+=(--case "attention batch=4 heads=32 seq=4096 head_dim=128 causal=$causal dtype=$dtype")
  done
done
bw=(--case "bandwidth op=copy mib=1024 dtype=f32" --case "bandwidth op=triad mib=1024 dtype=f32")
# A matmul per dtype gives the report its compute roofs' context (percent of the datasheet peak).
mm=(--case "matmul m=8192 n=8192 k=8192 dtype=f16" --case "matmul m=8192 n=8192 k=8192 dtype=bf16")

node bin/mpsbench.js run --backend cuda,torch-cuda --python python3 "${attn[@]}" "${bw[@]}" "${mm[@]}" \
  --machine h200 --out "$out/run.json" --md "$tmp/run.md" --force >&2
MPSBENCH_TORCH_SDPA=flash node bin/mpsbench.js run --backend torch-cuda --python python3 "${attn[@]}" \
  --machine h200-flash --out "$out/flash.json" --md "$tmp/flash.md" --force >&2
mkdir -p "$tmp/extras/svg"
node bin/mpsbench.js report "$out/run.json" --svg "$tmp/extras/svg" --out "$tmp/extras/report.md" \
  --html "$tmp/extras/report.html" >&2 || echo "report failed" >&2
cp "$tmp/run.md" "$tmp/flash.md" "$tmp/extras/" 2>/dev/null
tar -czf "$out/extras.tar.gz" -C "$tmp/extras" . 2>/dev/null

node -e '
  const fs = require("fs");
  const load = (p) => { try { return JSON.parse(fs.readFileSync(p, "utf8")).results; } catch (e) { return []; } };
  const run = load(process.argv[1]), flash = load(process.argv[2]);
  const find = (list, backend, spec) => list.find((c) => c.backend === backend && c.spec === spec);
  const info = (c) => (c && c.launches && c.launches[0] && c.launches[0].info) || {};
  const ms = (c) => (c && c.status === "ok" ? (c.stats.median_s * 1e3).toFixed(3) : c ? c.status : "—");
  const ok = (c) => (c && c.verify ? `${Number(c.verify.max_rel_err).toPrecision(2)} (${c.verify.passed ? "pass" : "FAIL"})` : "—");
  const ratio = (a, b) => (a && b && a.status === "ok" && b.status === "ok" ? (a.stats.median_s / b.stats.median_s).toFixed(3) : "—");
  const short = (s) => String(s).replace(/\|/g, "/").slice(0, 240);
  const path = (c) => {
    if (!c) return "—";
    if (c.status !== "ok") return `${c.status}: ${short(c.error ? c.error.message : "")}`;
    const i = info(c);
    return i.path === "cudnn-sdpa" ? `cudnn-sdpa (engine ${i.engine}, ${i.behavior_notes || ""})` : `${i.path || "?"}: ${short(i.why_unfused || "")}`;
  };
  const lines = ["| case | cuda ms | torch-cuda ms (kernel) | torch flash ms | cuda / torch | cuda / flash (target ≤ 1.10) | cuda path | cuda err | torch err |",
                 "|---|---|---|---|---|---|---|---|---|"];
  for (const c of run.filter((r) => r.workload === "attention" && r.backend === "cuda")) {
    const t = find(run, "torch-cuda", c.spec), f = find(flash, "torch-cuda", c.spec);
    lines.push(`| ${c.spec} | ${ms(c)} | ${ms(t)} (${info(t).kernel || ""}) | ${ms(f)} | ${ratio(c, t)} | ${ratio(c, f)} | ${path(c)} | ${ok(c)} | ${ok(t)} |`);
  }
  lines.push("", "| case | backend | TB/s (read + written) | % of 4.8 TB/s (copy target ≥ 85%) | path (candidates) | verified |", "|---|---|---|---|---|---|");
  for (const c of run.filter((r) => r.workload === "bandwidth")) {
    const tbs = c.status === "ok" ? c.throughput.bytes_per_s / 1e12 : NaN;
    const i = info(c);
    const cands = Array.isArray(i.candidates) ? " (" + i.candidates.map((x) => `${x.path} ${Number(x.tb_per_s).toFixed(3)} TB/s`).join(", ") + ")" : "";
    const p = c.backend === "cuda" ? `${i.path || "?"}${cands}` : (i.kernel || i.algo || "");
    lines.push(`| ${c.spec} | ${c.backend} | ${c.status === "ok" ? tbs.toFixed(3) : c.status} | ${c.status === "ok" ? (100 * tbs / 4.8).toFixed(1) + "%" : "—"} | ${short(p)} | ${ok(c)} |`);
  }
  fs.writeFileSync(process.argv[3], lines.join("\n") + "\n");' "$out/run.json" "$out/flash.json" "$out/table.md"
echo
echo "$build_note"
cat "$out/table.md"
