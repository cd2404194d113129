#!/usr/bin/env python3
"""torch-cuda's reported times against an independent torch.utils.benchmark measurement.

Usage: python3 scripts/crosscheck/torch-cuda-vs-utils.py RESULT.json [--backend torch-cuda] [--min-run-time 1.0]

For every ok case of the backend in an mpsbench result file, this builds the very same operation
with the PyTorch runner's own code (runners/torch/runner.py: same generator, dtype, layout and TF32
mode), times it in this process with torch.utils.benchmark.Timer.blocked_autorange (which
synchronises CUDA around its blocks), and prints a Markdown table: mpsbench's median (CUDA-event
timer), the median of mpsbench's wall samples, the torch.utils.benchmark median, and the
difference. Run it right after the mpsbench run, on the same host, so both see the same GPU state.
"""
import argparse
import importlib.util
import json
import os
import platform
import statistics
import sys
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_runner():
    spec = importlib.util.spec_from_file_location("mpsbench_torch_runner", os.path.join(ROOT, "runners", "torch", "runner.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import torch
    import torch.nn.functional as functional
    module.torch, module.F = torch, functional
    return module, torch


def per_iter_wall(case):
    """Median over launches of the per-iteration wall time, seconds (None without wall samples)."""
    medians = []
    for launch in case.get("launches", []):
        walls, ips = launch.get("wall_samples_ns"), launch.get("iters_per_sample")
        if walls and ips:
            medians.append(statistics.median(walls) / ips / 1e9)
    return statistics.median(medians) if medians else None


def time_with_utils(runner, torch, device, case, min_run_time):
    from torch.utils import benchmark
    runner.set_math_mode(device, case["dtype"])
    dtype = getattr(torch, runner.TORCH_DTYPES[case["dtype"]])
    step, _verify, _tensors = runner.PREPARE[case["workload"]](device, case["params"], dtype, case.get("seed", 1))
    for _ in range(3):
        step()
    device.sync()
    timer = benchmark.Timer(stmt="step()", globals={"step": step}, num_threads=torch.get_num_threads())
    m = timer.blocked_autorange(min_run_time=min_run_time)
    del step, _verify, _tensors
    device.empty_cache()
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
    runner, torch = load_runner()
    kind = args.backend.split("-", 1)[-1]  # torch-cuda → cuda (torch-cpu works too, for a dry run)
    if kind == "cuda" and not torch.cuda.is_available():
        sys.exit("torch.cuda.is_available() is False: run this on the GPU host")
    device = runner.Device(kind)
    cases = [c for c in result["results"] if c["backend"] == args.backend and c["status"] == "ok"]
    card = torch.cuda.get_device_name(0) if kind == "cuda" else runner.cpu_name()
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
        theirs = time_with_utils(runner, torch, device, c, args.min_run_time)
        diff = (ours - theirs) / theirs
        worst = max(worst, abs(diff))
        print("| `%s` | %s | %s | %s | %+.1f%% |" % (c["spec"], fmt(ours), fmt(per_iter_wall(c)), fmt(theirs), diff * 100))
    print("\nLargest difference: %.1f%% over %d case(s) (target: within 3%%). Python %s." % (worst * 100, len(cases), platform.python_version()))


if __name__ == "__main__":
    main()
