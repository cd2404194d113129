"""Which form of a PyTorch matmul call costs what, streamed and isolated (issue 19, docs/timing.md).

mpsbench's torch runner once timed `torch.bmm(a, b, out=c)` on [1, m, k] tensors while the
timing-models reference times `torch.mm(a, b)`: on launch-bound sizes the two differ by more than
the 3% the cross-check allows. This script times the forms side by side in one process on one
GPU, each with torch.utils.benchmark in both timing models:

- streamed: `Timer(stmt="f()")` with blocked_autorange (the Timer synchronises at the ends of a
  block), median per call;
- isolated: `Timer(stmt="f(); sync()")`, median per call: one synchronised call as a caller sees it;
- isolated + events: as isolated with a CUDA event recorded before and after the call, the cost a
  device timer adds to the host interval.

Usage: python3 scripts/crosscheck/torch-step-forms.py [--sizes 1024,4096] [--dtypes f32,f16,bf16]
Prints a Markdown table (µs per call) to stdout; needs torch with CUDA.
"""
import argparse
import sys

import torch
import torch.utils.benchmark as benchmark

DTYPES = {"f32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}


def median_us(stmt, env, min_run_time=0.4):
    timer = benchmark.Timer(stmt=stmt, globals=env)
    return timer.blocked_autorange(min_run_time=min_run_time).median * 1e6


def forms(n, dtype):
    """The call forms, each a zero-argument function on fresh uniform [-1, 1) inputs."""
    a = torch.rand(n, n, device="cuda", dtype=dtype) * 2 - 1
    b = torch.rand(n, n, device="cuda", dtype=dtype) * 2 - 1
    c = torch.empty(n, n, device="cuda", dtype=dtype)
    a3, b3, c3 = a.unsqueeze(0), b.unsqueeze(0), c.unsqueeze(0)
    return {
        "torch.mm(a, b)": lambda: torch.mm(a, b),
        "torch.mm(a, b, out=c)": lambda: torch.mm(a, b, out=c),
        "torch.bmm(a3, b3, out=c3)": lambda: torch.bmm(a3, b3, out=c3),
        "torch.bmm(a3, b3)": lambda: torch.bmm(a3, b3),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1024,4096")
    ap.add_argument("--dtypes", default="f32,f16,bf16")
    args = ap.parse_args()
    if not torch.cuda.is_available():
        print("torch-step-forms: this torch has no CUDA device", file=sys.stderr)
        return 2
    torch.backends.cuda.matmul.allow_tf32 = False
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    sync = torch.cuda.synchronize
    print("%s, torch %s\n" % (torch.cuda.get_device_name(0), torch.__version__))
    print("| size | dtype | form | streamed µs | isolated µs | isolated + 2 events µs |")
    print("|---|---|---|---:|---:|---:|")
    for n in (int(x) for x in args.sizes.split(",")):
        for name in args.dtypes.split(","):
            for label, f in forms(n, DTYPES[name]).items():
                for _ in range(20):
                    f()
                sync()
                env = {"f": f, "sync": sync, "start": start, "end": end}
                streamed = median_us("f()", env)
                isolated = median_us("f(); sync()", env)
                evented = median_us("start.record(); f(); end.record(); sync()", env)
                print("| %d³ | %s | `%s` | %.2f | %.2f | %.2f |" % (n, name, label, streamed, isolated, evented))
    return 0


if __name__ == "__main__":
    sys.exit(main())
