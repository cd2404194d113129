#!/usr/bin/env python3
"""The torch runner before and after its move onto runners/core, timed in one process, interleaved.

Usage: git show REV:runners/torch/runner.py > /tmp/old_runner.py
       /usr/bin/python3 scripts/crosscheck/torch-core-ab.py /tmp/old_runner.py [--device cpu]

REV is a commit from before the move (5fc4e94). Both versions prepare the default suite's f32 cases
with the same inputs and time the same torch step with their own batch function, alternating
A-B-B-A over 30 rounds, so that drift and the load of a shared machine fall on both sides alike.
Prints each case's per-iteration medians and the new/old ratios of the medians and of the minima.
"""
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = [("matmul", {"m": 256, "n": 256, "k": 256, "batch": 1, "trans_a": False, "trans_b": False}, 40),
         ("matmul", {"m": 1024, "n": 1024, "k": 1024, "batch": 1, "trans_a": False, "trans_b": False}, 2),
         ("conv2d", {"n": 4, "c": 64, "h": 56, "w": 56, "k": 64, "r": 3, "s": 3, "stride": 1, "pad": 1, "dilation": 1,
                     "groups": 1, "layout": "nchw"}, 2),
         ("conv2d", {"n": 4, "c": 64, "h": 56, "w": 56, "k": 64, "r": 3, "s": 3, "stride": 1, "pad": 1, "dilation": 1,
                     "groups": 1, "layout": "nhwc"}, 2),
         ("train", {"model": "mlp", "layers": [784, 1024, 1024, 10], "batch": 128, "lr": 0.01}, 2)]
ROUNDS = 30


def load(old_path):
    import importlib.util
    import torch
    import torch.nn.functional as F
    spec = importlib.util.spec_from_file_location("old_torch_runner", old_path)
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    old.torch, old.F = torch, F
    sys.path[0:0] = [os.path.join(ROOT, "runners"), os.path.join(ROOT, "runners", "torch")]
    import torch_backend
    from core import timing, workloads
    return old, torch, torch_backend, timing, workloads


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    device = argv[argv.index("--device") + 1] if "--device" in argv else "cpu"
    old, torch, torch_backend, timing, workloads = load(argv[0])
    dev, fw = old.Device(device), torch_backend.Backend(device, None)
    print("torch %s, %d threads, device %s" % (torch.__version__, torch.get_num_threads(), device))
    for workload, p, iters in CASES:
        old_batch = dev.batch_fn(old.PREPARE[workload](dev, p, torch.float32, 1)[0])
        case, _ = workloads.WORKLOADS[workload].prepare(fw, p, "f32", 1)
        new_batch = timing.timed_batch(case.step, case.sync, fw.timer())
        old_t, new_t = [], []
        for r in range(ROUNDS):
            order = ((old_batch, old_t), (new_batch, new_t)) if r % 2 else ((new_batch, new_t), (old_batch, old_t))
            for batch, out in order:
                out.append(batch(iters)[0] / iters)
        label = " ".join("%s=%s" % kv for kv in list(p.items())[:4]) + (" " + p["layout"] if "layout" in p else "")
        print("%-7s %-44s old %9.3f ms  new %9.3f ms  new/old medians %.3f  minima %.3f" % (
            workload, label, statistics.median(old_t) / 1e6, statistics.median(new_t) / 1e6,
            statistics.median(new_t) / statistics.median(old_t), min(new_t) / min(old_t)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
