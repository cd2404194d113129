#!/usr/bin/env bash
# Issue 16 on an NVIDIA GPU host, in one call: attention on cuda and torch-cuda at (batch 4, heads
# 32, length 4096, head dim 128, causal and not, f16 and bf16), verified; the same attention on
# torch-cuda with F.scaled_dot_product_attention limited to its flash kernel (MPSBENCH_TORCH_SDPA=flash);
# bandwidth copy and triad at 1 GiB per array on both backends (torch's is Tensor.copy_, a
# device-to-device copy); the roofline chart and report of the run. Files under OUT (at most 7):
# run.json, flash.json, report.md, report.html, roofline-*.svg, table.md. Prints table.md last.
# Usage: scripts/crosscheck/issue16-gpu.sh OUT      (node on PATH, or .portable/activate.sh present;
# dist/ built beforehand: the GPU host has no npm)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: scripts/crosscheck/issue16-gpu.sh OUT}
mkdir -p "$out"
[ -f .portable/activate.sh ] && . .portable/activate.sh
export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null || true)}
[ -n "$CUDNN_ROOT" ] && export LD_LIBRARY_PATH=$CUDNN_ROOT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ nvidia-smi -L; date -u; python3 -c "import torch; print('torch', torch.__version__)"; } >&2

node bin/mpsbench.js build --backend cuda >&2

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
node bin/mpsbench.js report "$out/run.json" --svg "$tmp/svg" --out "$out/report.md" --html "$out/report.html" >&2
cp "$tmp"/svg/roofline-*.svg "$out/" 2>/dev/null || echo "no roofline chart in this build" >&2

node -e '
  const fs = require("fs");
  const run = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).results;
  const flash = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).results;
  const find = (list, backend, spec) => list.find((c) => c.backend === backend && c.spec === spec);
  const ms = (c) => (c && c.status === "ok" ? (c.stats.median_s * 1e3).toFixed(3) : c ? c.status : "—");
  const ok = (c) => (c && c.verify ? `${c.verify.max_rel_err} (${c.verify.passed ? "pass" : "FAIL"})` : "—");
  const kernel = (c) => (c && c.launches[0] && c.launches[0].info ? c.launches[0].info.kernel || c.launches[0].info.algo || "" : "");
  const lines = ["| case | cuda ms | torch-cuda ms (kernel) | torch flash ms | cuda / flash | cuda err | torch err |", "|---|---|---|---|---|---|---|"];
  for (const c of run.filter((r) => r.workload === "attention" && r.backend === "cuda")) {
    const t = find(run, "torch-cuda", c.spec), f = find(flash, "torch-cuda", c.spec);
    const ratio = c.status === "ok" && f && f.status === "ok" ? (c.stats.median_s / f.stats.median_s).toFixed(3) : "—";
    lines.push(`| ${c.spec} | ${ms(c)} | ${ms(t)} (${kernel(t)}) | ${ms(f)} | ${ratio} (target ≤ 1.10) | ${ok(c)} | ${ok(t)} |`);
  }
  lines.push("", "| case | backend | TB/s (read + written) | % of 4.8 TB/s | verified |", "|---|---|---|---|---|");
  for (const c of run.filter((r) => r.workload === "bandwidth")) {
    const tbs = c.status === "ok" ? c.throughput.bytes_per_s / 1e12 : NaN;
    lines.push(`| ${c.spec} | ${c.backend} | ${tbs.toFixed(3)} | ${(100 * tbs / 4.8).toFixed(1)}% (target ≥ 85% for copy) | ${ok(c)} |`);
  }
  fs.writeFileSync(process.argv[3], lines.join("\n") + "\n");' "$out/run.json" "$out/flash.json" "$out/table.md"
cat "$out/table.md"
