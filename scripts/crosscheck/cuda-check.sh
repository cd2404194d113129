#!/usr/bin/env bash
# Correctness of the cuda backend on a GPU host: the sweep of scripts/crosscheck/cuda-check.yaml (every case
# must pass verification or be reported unsupported with a reason), then the out-of-memory path
# (another process holds all but ~1 GiB of the GPU while the runner is asked for a 3 GiB matmul:
# the reply must be an `oom` failure and the runner must answer the next request).
# Usage: scripts/crosscheck/cuda-check.sh [OUTDIR]; exits non-zero on any failure. PYTHON: a python with torch.
set -euo pipefail
cd "$(dirname "$0")/../.."  # scripts/crosscheck/ → the repository root
py=${PYTHON:-python3}
out=${1:-$(mktemp -d)}
mkdir -p "$out"

node bin/mpsbench.js run scripts/crosscheck/cuda-check.yaml --out "$out/cuda-check.json" --force >"$out/cuda-check.log" 2>&1 || true
"$py" - "$out/cuda-check.json" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
by = collections.Counter(r["status"] for r in doc["results"])
print(f"cuda-check: {len(doc['results'])} cases: " + ", ".join(f"{n} {s}" for s, n in sorted(by.items())))
worst = collections.defaultdict(float)
for r in doc["results"]:
    if r["status"] == "ok":
        v = r["verify"]
        worst[(r["workload"], r["dtype"])] = max(worst[(r["workload"], r["dtype"])], v["max_rel_err"] / v["tolerance"])
for (w, d), x in sorted(worst.items()):
    print(f"  {w:7} {d:5} worst max_rel_err / tolerance = {x:.3f}")
bad = [r for r in doc["results"] if r["status"] != "ok"]
for r in bad:
    print(f"  {r['status']}: {r['spec']}: {r.get('error', {}).get('kind')}: {r.get('error', {}).get('message', '')[:300]}")
sys.exit(1 if any(r["status"] == "failed" for r in bad) else 0)
PY

runner=$(node bin/mpsbench.js build --backend cuda 2>/dev/null | grep -o '/[^ ]*mpsbench-runner-cuda' | head -1 || true)
[ -n "$runner" ] || runner=$(ls -t "${XDG_CACHE_HOME:-$HOME/.cache}"/mpsbench/native-*/mpsbench-runner-cuda | head -1)
"$py" - "$runner" <<'PY'
import json, subprocess, sys, torch
free, _ = torch.cuda.mem_get_info()
hog = torch.empty(max(0, free - (1 << 30)), dtype=torch.uint8, device="cuda")  # leave ~1 GiB
n = 16384  # three 16384² f32 matrices: 3 GiB
req = [{"op": "hello", "id": 0, "protocol": 1},
       {"op": "run", "id": 1, "case": {"key": "oom", "workload": "matmul", "dtype": "f32", "seed": 1,
        "params": {"m": n, "n": n, "k": n, "batch": 1, "trans_a": False, "trans_b": False}}},
       {"op": "run", "id": 2, "case": {"key": "small", "workload": "matmul", "dtype": "f32", "seed": 1,
        "params": {"m": 64, "n": 64, "k": 64, "batch": 1, "trans_a": False, "trans_b": False}},
        "budget": {"warmup_s": 0.01, "min_time_s": 0.01, "max_time_s": 0.05, "min_samples": 3}}]
p = subprocess.run([sys.argv[1]], input="".join(json.dumps(r) + "\n" for r in req), capture_output=True, text=True)
replies = [json.loads(l) for l in p.stdout.splitlines()]
oom, small = replies[1], replies[2]
print("oom check: reply to the 3 GiB case:", json.dumps(oom.get("error")))
print("oom check: next case ok:", small.get("ok"), "max_rel_err", (small.get("verify") or {}).get("max_rel_err"))
ok = p.returncode == 0 and not oom["ok"] and oom["error"]["kind"] == "oom" and small["ok"]
print("oom check:", "PASS" if ok else "FAIL", f"(runner exit {p.returncode})")
sys.exit(0 if ok else 1)
PY
