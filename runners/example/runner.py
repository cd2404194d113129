#!/usr/bin/env python3
"""A minimal mpsbench runner (docs/runners.md): matmul in f32 with pure Python lists.

Standard library only, for tiny sizes. It shows the whole protocol: hello, run with the timing
loop of protocol.md §3 and the generator and verification of §4, error replies, bye and EOF.
Try it: mpsbench check-runner -- python3 runners/example/runner.py
"""
import json, math, os, struct, sys, time

MASK = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def bits(seed, stream, i):
    key = mix((seed ^ (stream * 0xD1B54A32D192ED03)) & MASK)
    return mix((key + (i + 1) * 0x9E3779B97F4A7C15) & MASK)


def value(seed, stream, i):
    return ((bits(seed, stream, i) >> 40) - (1 << 23)) / float(1 << 23)


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def matmul(p, seed):
    """Inputs from streams 1 and 2; returns (step, check) closures."""
    b, m, n, k = p["batch"], p["m"], p["n"], p["k"]
    A = [value(seed, 1, i) for i in range(b * m * k)]  # scale 1: exact in f32
    B = [value(seed, 2, i) for i in range(b * k * n)]
    a = lambda bb, i, kk: A[bb * m * k + (kk * m + i if p["trans_a"] else i * k + kk)]
    bm = lambda bb, kk, j: B[bb * k * n + (j * k + kk if p["trans_b"] else kk * n + j)]
    C = [0.0] * (b * m * n)

    def step():
        for bb in range(b):
            for i in range(m):
                for j in range(n):
                    C[(bb * m + i) * n + j] = f32(sum(a(bb, i, kk) * bm(bb, kk, j) for kk in range(k)))

    def check(samples):
        worst = 0.0
        picks = [0, len(C) - 1] + [bits(seed, 99, j) % len(C) for j in range(samples)]
        for idx in picks:
            bb, i, j = idx // (m * n), idx % (m * n) // n, idx % n
            terms = [a(bb, i, kk) * bm(bb, kk, j) for kk in range(k)]
            worst = max(worst, abs(C[idx] - sum(terms)) / max(sum(map(abs, terms)), 1e-30))
        return {"max_rel_err": worst, "checked": len(picks), "nonfinite": 0}

    return step, check


def measure(bud, step):
    """protocol.md §3: warm up, calibrate iters per sample, sample until the median's CI is tight."""
    def batch(iters):
        t0 = time.perf_counter_ns()
        for _ in range(iters):
            step()
        return max(time.perf_counter_ns() - t0, 1)
    times, start = [], time.perf_counter_ns()
    while not times or len(times) < bud["warmup_min_iters"] or time.perf_counter_ns() - start < bud["warmup_s"] * 1e9:
        times.append(batch(1))
    warmup = {"iters": len(times), "first_ns": times[0], "total_ns": time.perf_counter_ns() - start}
    ips = max(1, math.ceil(bud["target_sample_s"] * 1e9 / min(times)))
    samples, start = [], time.perf_counter_ns()
    while True:
        samples.append(batch(ips))
        n, s, el = len(samples), sorted(samples), (time.perf_counter_ns() - start) / 1e9
        lo, hi = max(math.floor(n / 2 - 0.98 * math.sqrt(n)), 0), min(math.ceil(n / 2 + 0.98 * math.sqrt(n)), n - 1)
        median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
        if n >= bud["min_samples"] and (n >= bud["max_samples"] or el >= bud["max_time_s"] or
                                        (el >= bud["min_time_s"] and s[hi] - s[lo] < bud["rel_ci"] * median)):
            break
    return {"timer": "wall", "iters_per_sample": ips, "samples_ns": samples, "warmup": warmup}


def handle(req):
    op = req["op"]
    if op == "hello":
        return {"op": "hello", "ok": True, "protocol": 1, "backend": "example",
                "runner": {"name": "mpsbench-example-runner", "version": "1"},
                "device": {"name": "pure Python", "kind": "cpu", "memory_bytes": 2 ** 30, "cores": 1, "threads": 1},
                "libraries": {}, "timer": "wall", "workloads": {"matmul": ["f32"]}}
    if op == "run":
        c = req["case"]
        if c["workload"] != "matmul" or c["dtype"] != "f32":
            return {"op": "run", "ok": False, "error": {"kind": "unsupported", "message": "matmul f32 only"}}
        step, check = matmul(c["params"], c["seed"])
        step()  # the verified iteration
        verify = check(req.get("verify", {}).get("samples", 256))
        return dict({"op": "run", "ok": True}, **measure(req["budget"], step), verify=verify)
    if op == "bye":
        return {"op": "bye", "ok": True}
    return {"op": "error", "ok": False, "error": {"kind": "invalid", "message": "unknown op %r" % op}}


def main():
    out = os.fdopen(os.dup(1), "w")  # replies; fd 1 now goes to stderr
    os.dup2(2, 1)
    for line in sys.stdin:
        req = None
        try:
            req = json.loads(line)
            reply = dict({"id": req["id"]}, **handle(req))
        except Exception as exc:  # noqa: BLE001 - every failure is a reply
            ok = isinstance(req, dict)
            reply = {"id": req.get("id") if ok else None, "op": req.get("op", "error") if ok else "error",
                     "ok": False, "error": {"kind": "invalid", "message": str(exc)}}
        out.write(json.dumps(reply) + "\n")
        out.flush()
        if reply["op"] == "bye" and reply["ok"]:
            return 0
    return 0  # end of input means bye


if __name__ == "__main__":
    sys.exit(main())
