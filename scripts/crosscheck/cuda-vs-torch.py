#!/usr/bin/env python3
"""Helper of scripts/crosscheck/cuda-vs-torch.sh: the case list, the PyTorch reference timings, and the table.

  cuda-vs-torch.py cases                       one `--case` spec per line, for mpsbench
  cuda-vs-torch.py torch OUT.json [--no-profile]   time the same cases with PyTorch, write OUT.json
  cuda-vs-torch.py table MPSBENCH.json TORCH.json... [--command CMD]   print the Markdown report

scripts/crosscheck/cuda-vs-torch.sh runs the reference twice, before and after mpsbench (A-B-A), and the table
compares mpsbench with the mean of the two reference passes, so that a drift of the GPU's clocks
over the run (power and temperature) does not fall on one side only.

The reference runs in its own process on the same GPU: torch.mm / F.conv2d / an MLP step written
with the same GEMMs, on uniform [-1, 1) data, with the same math mode (TF32 off for f32, on for
tf32; cudnn.benchmark on, so cuDNN searches its algorithms as mpsbench's cudnnFind does). It is
timed the way mpsbench's runners time (protocol.md §3): warm-up, then samples of
`iters_per_sample` back-to-back iterations between two CUDA events, iters_per_sample calibrated so
that a sample lasts >= 20 ms (the runners' default), at least 1 s of samples; the median per-iteration time is reported.
triton's do_bench (its own warm-up, an L2 flush before every iteration, median) is a second,
independent column where triton imports.
"""
import json
import math
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

MLP_LAYERS = [1024, 4096, 4096, 10]
MLP_BATCH = 256
LR = 0.01

# (workload, dtype, params) — params as mpsbench names them (defaults left out of the spec).
CASES = (
    [("matmul", d, {"m": n, "n": n, "k": n}) for n in (4096, 8192) for d in ("f32", "tf32", "f16", "bf16")]
    + [("conv2d", d, {"n": 32, "c": 64, "h": 56, "w": 56, "k": 64, "r": 3, "s": 3, "pad": 1, "layout": lay})
       for d in ("f32", "f16") for lay in ("nchw", "nhwc")]
    + [("train", d, {"layers": MLP_LAYERS, "batch": MLP_BATCH}) for d in ("f32", "bf16")]
)
# Targets of issue 4: mpsbench throughput >= this share of the reference's.
TARGET = {"matmul": 0.95, "conv2d": 0.90}
SAME_KERNEL_TOLERANCE = 0.03  # where both call the same library kernel, time within 3%


def spec(workload, dtype, params):
    parts = [workload]
    for k, v in params.items():
        if k == "layout" and v == "nchw":
            continue
        parts.append(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}")
    parts.append(f"dtype={dtype}")
    return " ".join(parts)


def flop(workload, params):
    if workload == "matmul":
        return 2.0 * params["m"] * params["n"] * params["k"]
    if workload == "conv2d":
        p = (params["h"] + 2 * params["pad"] - params["r"]) + 1
        q = (params["w"] + 2 * params["pad"] - params["s"]) + 1
        return 2.0 * params["n"] * params["k"] * p * q * params["c"] * params["r"] * params["s"]
    layers, b = params["layers"], params["batch"]
    # forward + weight gradient for every layer, input gradient for all but the first (as mpsbench counts)
    return sum(2.0 * b * i * o * (3 if l > 0 else 2) for l, (i, o) in enumerate(zip(layers, layers[1:])))


# ---- PyTorch reference ------------------------------------------------------------------------------

def torch_ops(torch, F, workload, dtype, params, dev="cuda"):
    """Returns (name, step) pairs: the reference operation(s) for one case, inputs prepared.

    `dev` is "cuda" here; scripts/crosscheck/timing-refs.py passes "cpu" for its dry runs."""
    tdt = {"f32": torch.float32, "tf32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}[dtype]
    torch.backends.cuda.matmul.allow_tf32 = dtype == "tf32"
    torch.backends.cudnn.allow_tf32 = dtype == "tf32"
    torch.backends.cudnn.benchmark = True
    g = torch.Generator(device=dev).manual_seed(1)

    def uniform(*shape, scale=1.0):
        return ((torch.rand(*shape, device=dev, generator=g) * 2 - 1) * scale).to(tdt)

    if workload == "matmul":
        a, b = uniform(params["m"], params["k"]), uniform(params["k"], params["n"])
        c = torch.empty(params["m"], params["n"], device=dev, dtype=tdt)
        return [("torch.mm", lambda: torch.mm(a, b, out=c))]
    if workload == "conv2d":
        x = uniform(params["n"], params["c"], params["h"], params["w"])
        w = uniform(params["k"], params["c"], params["r"], params["s"])
        if params["layout"] == "nhwc":
            x, w = x.to(memory_format=torch.channels_last), w.to(memory_format=torch.channels_last)
        return [("F.conv2d", lambda: F.conv2d(x, w, padding=params["pad"]))]

    layers, batch = params["layers"], params["batch"]
    x = uniform(batch, layers[0])
    labels = torch.randint(0, layers[-1], (batch,), device=dev, generator=g)
    ws = [uniform(i, o, scale=math.sqrt(6 / (i + o))) for i, o in zip(layers, layers[1:])]
    bs = [torch.zeros(o, device=dev, dtype=tdt) for o in layers[1:]]
    onehot = torch.nn.functional.one_hot(labels, layers[-1]).float()

    def manual():  # the same GEMMs as mpsbench's step, eager element-wise ops around them
        hs, zs = [x], []
        for i, (w, b) in enumerate(zip(ws, bs)):
            z = hs[-1] @ w
            z += b
            zs.append(z)
            if i < len(ws) - 1:
                hs.append(torch.relu(z))
        logits = zs[-1].float()
        loss = (torch.logsumexp(logits, 1) - logits.gather(1, labels[:, None]).squeeze(1)).mean()
        dz = ((torch.softmax(logits, 1) - onehot) / batch).to(tdt)
        for i in range(len(ws) - 1, -1, -1):
            prev = dz @ ws[i].T if i > 0 else None
            if prev is not None:
                prev.mul_(zs[i - 1] > 0)
            ws[i].addmm_(hs[i].T, dz, alpha=-LR)
            bs[i].sub_(LR * dz.sum(0))
            dz = prev
        return loss

    params_ag = [t.clone().requires_grad_() for t in ws] + [t.clone().requires_grad_() for t in bs]

    def autograd():  # the usual PyTorch step: autograd, F.cross_entropy, SGD by hand
        h = x
        n = len(ws)
        for i in range(n):
            h = torch.addmm(params_ag[n + i], h, params_ag[i])
            if i < n - 1:
                h = torch.relu(h)
        loss = F.cross_entropy(h.float(), labels)
        loss.backward()
        with torch.no_grad():
            for p in params_ag:
                p.sub_(LR * p.grad)
                p.grad = None
        return loss

    return [("manual step (same GEMMs)", manual), ("autograd step", autograd)]


class _WallPair:
    """The wall clock in the shape of a CUDA event pair (record, synchronize, elapsed_time in ms)."""

    def __init__(self):
        self.t = None

    def record(self):
        self.t = time.perf_counter()

    def synchronize(self):
        pass

    def elapsed_time(self, stop):
        return (stop.t - self.t) * 1e3


def time_events(torch, step, warmup_s=0.25, target_sample_s=0.02, min_time_s=1.0, min_samples=10, dev="cuda"):
    """Median per-iteration time of samples of `iters_per_sample` back-to-back steps between two
    CUDA events (on dev "cpu", for dry runs, the wall clock around the same loop)."""
    if dev == "cuda":
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    else:
        start, stop = _WallPair(), _WallPair()
    fastest, t0, n = math.inf, time.perf_counter(), 0
    while n < 3 or time.perf_counter() - t0 < warmup_s:
        start.record()
        step()
        stop.record()
        stop.synchronize()
        fastest = min(fastest, start.elapsed_time(stop) / 1e3)
        n += 1
    ips = max(1, math.ceil(target_sample_s / fastest))
    samples, t0 = [], time.perf_counter()
    while len(samples) < min_samples or time.perf_counter() - t0 < min_time_s:
        start.record()
        for _ in range(ips):
            step()
        stop.record()
        stop.synchronize()
        samples.append(start.elapsed_time(stop) / 1e3 / ips)
    return {"median_s": statistics.median(samples), "iters_per_sample": ips, "samples": len(samples),
            "min_s": min(samples), "max_s": max(samples)}


def main_kernels(torch, step):
    """Names of the CUDA kernels one iteration launches, longest first (torch.profiler)."""
    try:
        from torch.profiler import ProfilerActivity, profile
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            step()
            torch.cuda.synchronize()
        rows = [(e.device_time_total, e.key) for e in prof.key_averages() if e.device_time_total > 0]
        return [k for _, k in sorted(rows, reverse=True)[:3]]
    except Exception as e:  # the profiler is a detail; never fail the comparison on it
        return [f"(profiler failed: {e})"]


def run_torch(out_path, profile=True):
    import torch
    import torch.nn.functional as F
    try:
        from triton.testing import do_bench
    except Exception:
        do_bench = None
    results = []
    for workload, dtype, params in CASES:
        for name, step in torch_ops(torch, F, workload, dtype, params):
            r = {"spec": spec(workload, dtype, params), "workload": workload, "dtype": dtype, "params": params,
                 "reference": name}
            r.update(time_events(torch, step))
            if do_bench is not None:
                r["do_bench_s"] = do_bench(step, warmup=25, rep=200, return_mode="median") / 1e3
            if profile:
                r["kernels"] = main_kernels(torch, step)
            results.append(r)
            print(f"torch {r['spec']} [{name}]: {r['median_s'] * 1e6:.1f} us", file=sys.stderr)
            del step
        torch.cuda.empty_cache()
    meta = {"torch": torch.__version__, "cuda": torch.version.cuda, "cudnn": torch.backends.cudnn.version(),
            "device": torch.cuda.get_device_name(0)}
    with open(out_path, "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)


# ---- Report ----------------------------------------------------------------------------------------

def find_result(doc, workload, dtype, params):
    for r in doc["results"]:
        if r["backend"] != "cuda" or r["workload"] != workload or r["dtype"] != dtype:
            continue
        if all(r["params"].get(k) == v for k, v in params.items()):
            return r
    return None


def us(s):
    return "—" if s is None else f"{s * 1e6:,.1f}"


def smi(query):
    try:
        out = subprocess.run(["nvidia-smi", f"--query-gpu={query}", "--format=csv,noheader"], capture_output=True,
                             text=True, timeout=20).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except Exception:
        return "?"


def table(ours_path, ref_paths, command):
    ours, refs = json.load(open(ours_path)), [json.load(open(p)) for p in ref_paths]
    ref = refs[0]
    for i, r in enumerate(ref["results"]):  # the mean of the passes (before and after mpsbench)
        passes = [x["results"][i] for x in refs]
        r["passes_s"] = [p["median_s"] for p in passes]
        r["median_s"] = statistics.mean(r["passes_s"])
        dbs = [p["do_bench_s"] for p in passes if "do_bench_s" in p]
        if dbs:
            r["do_bench_s"] = statistics.mean(dbs)
    hello = ours["env"]["runners"].get("cuda", {})
    libs = hello.get("libraries", {})
    print(f"Card: {smi('name')} (driver {smi('driver_version')}, power limit {smi('power.limit')}, "
          f"SM clock max {smi('clocks.max.sm')}); mpsbench cuda runner: {libs.get('cublas', '?')}, "
          f"{libs.get('cudnn', '?')}, CUDA runtime {libs.get('cuda_runtime', '?')}; reference: PyTorch "
          f"{ref['meta']['torch']} (CUDA {ref['meta']['cuda']}, cuDNN {ref['meta']['cudnn']})")
    print(f"Date: {datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%MZ')}")
    print(f"Command: `{command}`")
    print()
    print(f"Reference: mean of {len(refs)} passes (before and after mpsbench); the passes' medians are under 'ref. passes'.")
    print()
    print("| case | mpsbench cuda (µs) | reference | ref. events (µs) | ref. passes (µs) | ref. do_bench (µs) | mpsbench TFLOP/s "
          "| ref. TFLOP/s | throughput vs ref. | time vs ref. | target | mpsbench max_rel_err | mpsbench algorithm |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|")
    verdicts = []
    for r in ref["results"]:
        o = find_result(ours, r["workload"], r["dtype"], r["params"])
        work = o["work"]["flop"] if o and o.get("work") else flop(r["workload"], r["params"])
        ok = o is not None and o.get("status") == "ok"
        mine = o["stats"]["median_s"] if ok else None
        ratio = r["median_s"] / mine if ok else None
        diff = mine / r["median_s"] - 1 if ok else None
        target = TARGET.get(r["workload"])
        if target is None or not ok:
            verdict = "—" if ok else f"mpsbench {o.get('status') if o else 'missing'}"
        else:
            verdict = ("✓" if ratio >= target else "✗") + f" ≥{target:.0%}"
            if r["workload"] == "matmul":  # both sides call cublasGemmEx with the same compute type
                verdict += (" ✓" if abs(diff) <= SAME_KERNEL_TOLERANCE else " ✗") + " ±3%"
            verdicts.append(verdict)
        info = (o["launches"][0].get("info") or {}) if o and o.get("launches") else {}
        algo = info.get("algo", "")
        if info.get("math") and r["workload"] == "conv2d":
            algo += f", {info['math']}"
        err = o["verify"]["max_rel_err"] if o and o.get("verify") else None
        passes = " / ".join(us(p) for p in r["passes_s"])
        print(f"| {r['spec']} | {us(mine)} | {r['reference']} | {us(r['median_s'])} | {passes} | {us(r.get('do_bench_s'))} "
              f"| {'—' if not ok else f'{work / mine / 1e12:.1f}'} | {work / r['median_s'] / 1e12:.1f} "
              f"| {'—' if ratio is None else f'{ratio:.1%}'} | {'—' if diff is None else f'{diff:+.1%}'} | {verdict} "
              f"| {'—' if err is None else f'{err:.1e}'} | {algo} |")
    print()
    failed = [v for v in verdicts if "✗" in v]
    print(f"Targets met: {len(verdicts) - len(failed)} of {len(verdicts)} "
          f"(throughput ≥ 95% of torch.mm on matmul and ≥ 90% of F.conv2d on conv2d; matmul time within ±3%).")
    print()
    print("Reference kernels (torch.profiler, longest first):")
    print()
    for r in ref["results"]:
        print(f"- {r['spec']} [{r['reference']}]: {'; '.join(k[:110] for k in r.get('kernels', []))}")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "cases":
        seen = []
        for w, d, p in CASES:
            s = spec(w, d, p)
            if s not in seen:
                seen.append(s)
                print(s)
    elif len(sys.argv) >= 3 and sys.argv[1] == "torch":
        run_torch(sys.argv[2], profile="--no-profile" not in sys.argv)
    elif len(sys.argv) >= 4 and sys.argv[1] == "table":
        args, command = sys.argv[2:], "scripts/crosscheck/cuda-vs-torch.sh"
        if "--command" in args:
            i = args.index("--command")
            command, args = args[i + 1], args[:i] + args[i + 2:]
        table(args[0], args[1:], command)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
