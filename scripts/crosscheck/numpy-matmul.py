"""Times numpy's float32 matmul (its OpenBLAS sgemm) the way mpsbench's CPU runner times its own:
warm-up, then per-iteration wall-clock samples, median reported. Prints one JSON line."""
import json
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
min_time_s = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
rng = np.random.default_rng(1)
a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
c = np.empty((n, n), dtype=np.float32)
for _ in range(3):
    np.matmul(a, b, out=c)
samples = []
start = time.perf_counter()
while len(samples) < 10 or time.perf_counter() - start < min_time_s:
    t0 = time.perf_counter_ns()
    np.matmul(a, b, out=c)
    samples.append(time.perf_counter_ns() - t0)
samples.sort()
median_s = samples[len(samples) // 2] / 1e9
blas = "unknown"
try:
    from threadpoolctl import threadpool_info
    info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    if info:
        blas = f"{info[0].get('internal_api')} {info[0].get('version')} {info[0].get('architecture')} threads={info[0].get('num_threads')}"
except ImportError:
    try:
        dep = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas = f"{dep.get('name')} {dep.get('version')} (build config; threadpoolctl not installed)"
    except Exception:  # older numpy without mode="dicts"
        pass
print(json.dumps({"numpy": np.__version__, "blas": blas, "n": n, "samples": len(samples),
                  "median_s": median_s, "gflop_per_s": 2 * n**3 / median_s / 1e9}))
