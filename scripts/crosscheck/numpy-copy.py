#!/usr/bin/env python3
"""The independent side of bandwidth-vs-numpy.sh: np.copyto of one float32 array of MIB MiB into
another, timed with perf_counter over SECONDS; prints the median as STREAM-counted bytes/s (read
plus written) in one JSON line. Usage: numpy-copy.py MIB [SECONDS]"""
import json
import sys
import time

import numpy as np

mib, seconds = int(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
n = mib * (1 << 20) // 4
src = np.random.default_rng(1).random(n, dtype=np.float32)
dst = np.empty_like(src)
for _ in range(3):  # touch the pages, warm the caches and the TLB
    np.copyto(dst, src)
times, end = [], time.perf_counter() + seconds
while time.perf_counter() < end or len(times) < 5:
    t0 = time.perf_counter()
    np.copyto(dst, src)
    times.append(time.perf_counter() - t0)
assert np.array_equal(dst, src)
median = float(np.median(times))
print(json.dumps({"bytes_per_s": 2 * n * 4 / median, "median_s": median, "n": len(times), "numpy": np.__version__}))
