#!/usr/bin/env python3
"""torch-cuda's reported times against an independent torch.utils.benchmark measurement.

Usage: python3 scripts/crosscheck/torch-cuda-vs-utils.py RESULT.json [--backend torch-cuda] [--min-run-time 1.0]

For every ok case of the backend in an mpsbench result file, this builds the very same operation
with the PyTorch runner's own code (runners/core and runners/torch/torch_backend.py: same generator,
dtype, layout and TF32 mode), times it in this process with torch.utils.benchmark.Timer.blocked_autorange (which
synchronises CUDA around its blocks), and prints a Markdown table: mpsbench's median (CUDA-event
timer), the median of mpsbench's wall samples, the torch.utils.benchmark median, and the
difference. Run it right after the mpsbench run, on the same host, so both see the same GPU state.
"""
import argparse
import json
import os
import platform
import statistics
import sys
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the repository root


def load_backend(kind):
    """The torch runner's Backend for `kind`, the core's workload table, and torch."""
    import torch
    sys.path[0:0] = [os.path.join(ROOT, "runners"), os.path.join(ROOT, "runners", "torch")]
    import torch_backend
    from core.hostinfo import cpu_name
    from core.workloads import WORKLOADS
    return torch_backend.Backend(kind, None), WORKLOADS, torch, cpu_name


def per_iter_wall(case):
    """Median over launches of the per-iteration host wall time, seconds (None without wall samples).

    A launch timed by the wall clock (`timer: "wall"`, e.g. torch's isolated samples) has its wall
    times in samples_ns.
    """
    medians = []
    for launch in case.get("launches", []):
        walls, ips = launch.get("wall_samples_ns"), launch.get("iters_per_sample")
        if not walls and launch.get("timer") == "wall":
            walls = launch.get("samples_ns")
        if walls and ips:
            medians.append(statistics.median(walls) / ips / 1e9)
    return statistics.median(medians) if medians else None


def time_with_utils(fw, workloads, torch, case, min_run_time):
    from torch.utils import benchmark
    fw.set_math(case["dtype"])
    prepared, _verify = workloads[case["workload"]].prepare(fw, case["params"], case["dtype"], case.get("seed", 1))
    for _ in range(3):
        prepared.step()
    prepared.sync()
    timer = benchmark.Timer(stmt="step()", globals={"step": prepared.step}, num_threads=torch.get_num_threads())
    m = timer.blocked_autorange(min_run_time=min_run_time)
    del prepared, _verify
    fw.release()
    return m.median


def fmt(seconds):
    if seconds is None:
        return "—"
    return "%.2f ms" % (seconds * 1e3) if seconds >= 1e-3 else "%.1f µs" % (seconds * 1e6)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("result")
    ap.add_argument("--backend", default="torch-cuda")
    ap.add_argument("--min-run-time", type=float, default=1.0)
    args = ap.parse_args()
    with open(args.result, encoding="utf-8") as f:
        result = json.load(f)
    kind = args.backend.split("-", 1)[-1]  # torch-cuda → cuda (torch-cpu works too, for a dry run)
    fw, workloads, torch, cpu_name = load_backend(kind)
    if kind == "cuda" and not torch.cuda.is_available():
        sys.exit("torch.cuda.is_available() is False: run this on the GPU host")
    cases = [c for c in result["results"] if c["backend"] == args.backend and c["status"] == "ok"]
    card = torch.cuda.get_device_name(0) if kind == "cuda" else cpu_name()
    print("Device: %s · torch %s · CUDA %s · %s · result %s\n" % (
        card, torch.__version__, torch.version.cuda,
        datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), os.path.basename(args.result)))
    print("| case | mpsbench (median of launch medians, sample timer) | mpsbench (wall) | torch.utils.benchmark | mpsbench vs utils |")
    print("|---|---:|---:|---:|---:|")
    worst = 0.0
    for c in cases:
        # With --launches K, the median of the K launch medians: each launch is a fresh process,
        # as each run of this script is.
        ours = statistics.median(c["stats"]["launch_medians_s"])
        theirs = time_with_utils(fw, workloads, torch, c, args.min_run_time)
        diff = (ours - theirs) / theirs
        worst = max(worst, abs(diff))
        print("| `%s` | %s | %s | %s | %+.1f%% |" % (c["spec"], fmt(ours), fmt(per_iter_wall(c)), fmt(theirs), diff * 100))
    print("\nLargest difference: %.1f%% over %d case(s) (target: within 3%%). Python %s." % (worst * 100, len(cases), platform.python_version()))


if __name__ == "__main__":
    main()
