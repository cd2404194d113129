#!/usr/bin/env bash
# The CUDA runner on a GPU host, straight from native/ (no Node needed): configure with cuDNN (from
# CUDNN_ROOT, else python's nvidia.cudnn), build mpsbench-runner-cuda, check that a bad
# MPSBENCH_THREADS ends it with status 2, then one small case per workload, dtype and layout through
# the protocol; every case must verify within its dtype's tolerance (docs/protocol.md §4).
# Usage: native/tests/cuda-smoke.sh OUTDIR   (writes build.log, replies.jsonl; prints a table; exit 1 on failure)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: native/tests/cuda-smoke.sh OUTDIR}
mkdir -p "$out"
export CUDNN_ROOT=${CUDNN_ROOT:-$(python3 -c "import nvidia.cudnn as m; print(list(m.__path__)[0])" 2>/dev/null || true)}
[ -n "$CUDNN_ROOT" ] && export LD_LIBRARY_PATH=$CUDNN_ROOT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
build="$out/build"
{ cmake -S native -B "$build" -DCMAKE_BUILD_TYPE=Release -DMPSBENCH_CUDA=ON -DMPSBENCH_TESTS=OFF -DMPSBENCH_CPU=OFF &&
  cmake --build "$build" --target mpsbench-runner-cuda --parallel; } > "$out/build.log" 2>&1 ||
  { tail -40 "$out/build.log"; exit 1; }
runner="$build/mpsbench-runner-cuda"
grep -o 'mpsbench: CUDA runner with[^(]*' "$out/build.log" || true

set +e
MPSBENCH_THREADS=0 "$runner" < /dev/null 2> "$out/threads.err"
status=$?
set -e
[ "$status" -eq 2 ] || { echo "MPSBENCH_THREADS=0: expected exit status 2, got $status"; exit 1; }
echo "MPSBENCH_THREADS=0 -> exit 2: $(cat "$out/threads.err")"

python3 - "$runner" "$out/replies.jsonl" <<'PY'
import json, subprocess, sys
runner, log = sys.argv[1], sys.argv[2]
tol = {"f32": 1e-4, "tf32": 5e-3, "f16": 1e-2, "bf16": 2e-2}
budget = {"warmup_s": 0.02, "warmup_min_iters": 2, "target_sample_s": 0.002, "min_samples": 5,
          "max_samples": 50, "min_time_s": 0.02, "max_time_s": 0.5, "rel_ci": 0.05}
mm = {"m": 96, "n": 80, "k": 112, "batch": 3, "trans_a": True, "trans_b": False}
conv = {"n": 2, "c": 8, "h": 13, "w": 11, "k": 16, "r": 3, "s": 3, "stride": 2, "pad": 1, "dilation": 1, "groups": 2}
train = {"model": "mlp", "layers": [64, 96, 10], "batch": 32, "lr": 0.05}
cases = [("matmul", d, mm) for d in ("f32", "tf32", "f16", "bf16")]
cases += [("conv2d", d, dict(conv, layout=l)) for d in ("f32", "f16", "bf16") for l in ("nchw", "nhwc")]
cases += [("train", d, train) for d in ("f32", "f16", "bf16")]
reqs = [{"op": "hello", "id": 0, "protocol": 1}]
for i, (w, d, p) in enumerate(cases, 1):
    reqs.append({"op": "run", "id": i, "case": {"key": f"{w} {d}", "workload": w, "dtype": d, "params": p, "seed": 1},
                 "budget": budget, "verify": {"samples": 256}})
reqs.append({"op": "bye", "id": len(reqs)})
r = subprocess.run([runner], input="".join(json.dumps(q) + "\n" for q in reqs), capture_output=True, text=True, timeout=600)
open(log, "w").write(r.stdout)
replies = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
hello = replies[0]
print(f"hello: {hello['device']['name']}, libraries {json.dumps(hello['libraries'])}, conv2d in workloads: {'conv2d' in hello['workloads']}")
bad = 0 if "conv2d" in hello["workloads"] else 1  # the GPU host has cuDNN: conv2d must be built in
print(f"{'case':16} {'status':12} {'max_rel_err':>12} {'tolerance':>9} {'median us/iter':>15}")
for (w, d, p), rep in zip(cases, replies[1:]):
    name = f"{w} {d}" + (f" {p['layout']}" if "layout" in p else "")
    if not rep.get("ok"):
        kind = rep["error"]["kind"]
        bad += kind != "unsupported"
        print(f"{name:16} {kind:12} {rep['error']['message'][:90]}")
        continue
    err = rep["verify"]["max_rel_err"]
    s = sorted(rep["samples_ns"])
    med = s[len(s) // 2] / rep["iters_per_sample"] / 1e3
    limit = 1e-3 if (w, d) == ("train", "f32") else tol[d]  # src/workloads/tolerance.ts
    ok = err is not None and err <= limit
    bad += not ok
    print(f"{name:16} {'ok' if ok else 'FAILED':12} {err if err is not None else 'nan':>12} {limit:>9} {med:>15.2f}")
print(f"bye: {replies[-1]}; runner exit status {r.returncode}")
sys.exit(1 if bad or r.returncode != 0 or len(replies) != len(reqs) else 0)
PY
