#!/usr/bin/env python3
"""mpsbench PyTorch runner: runner protocol v1 (docs/protocol.md) on torch's cpu, cuda or mps.

Usage: runner.py --device cpu|cuda|mps     speak the protocol on stdin/stdout
       runner.py --vectors                 print generator test vectors (JSON) and exit

Standard library plus torch. Sections: transport, generator, verification, timing, device,
workloads, protocol. Replies go to a private duplicate of the original stdout; file descriptor 1
points at stderr so nothing a library prints can corrupt the channel.
"""
import bisect
import gc
import json
import math
import os
import platform
import subprocess
import sys
import time

RUNNER_VERSION = "0.1.0"
PROTOCOL = 1
DTYPES = ("f32", "tf32", "f16", "bf16")
WORKLOADS = ("matmul", "conv2d", "train")
torch = None  # imported in main(), after stdout is redirected
F = None


class RunnerError(Exception):
    """A failure reply: kind is unsupported, oom, invalid or internal."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


# ----------------------------------------------------------------------------------------------
# Transport
# ----------------------------------------------------------------------------------------------

def open_reply_channel():
    """Duplicates stdout for replies and points fd 1 (and sys.stdout) at stderr."""
    sys.stdout.flush()
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def send(channel, obj):
    channel.write(json.dumps(obj, allow_nan=False, separators=(",", ":")) + "\n")
    channel.flush()


# ----------------------------------------------------------------------------------------------
# Generator (protocol.md §4): Python ints for scalars, torch int64 with wrap-around for tensors
# ----------------------------------------------------------------------------------------------

MASK = (1 << 64) - 1
MIX1, MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
STREAM_MUL, GOLDEN = 0xD1B54A32D192ED03, 0x9E3779B97F4A7C15
CHUNK = 1 << 22


def mix(z):
    z ^= z >> 30
    z = (z * MIX1) & MASK
    z ^= z >> 27
    z = (z * MIX2) & MASK
    return z ^ (z >> 31)


def stream_key(seed, stream):
    return mix((seed ^ (stream * STREAM_MUL)) & MASK)


def bits(seed, stream, i):
    return mix((stream_key(seed, stream) + (i + 1) * GOLDEN) & MASK)


def value(seed, stream, i):
    return ((bits(seed, stream, i) >> 40) - (1 << 23)) / float(1 << 23)


def _signed(c):
    return c - (1 << 64) if c >= 1 << 63 else c


def _shr(z, s):
    """Logical right shift of an int64 tensor holding uint64 bit patterns."""
    return (z >> s) & ((1 << (64 - s)) - 1)


def _mix_t(z):
    z = z ^ _shr(z, 30)
    z = z * _signed(MIX1)
    z = z ^ _shr(z, 27)
    z = z * _signed(MIX2)
    return z ^ _shr(z, 31)


def bits_t(seed, stream, start, count):
    """bits(seed, stream, i) for i in [start, start + count) as an int64 tensor (uint64 patterns)."""
    i = torch.arange(start + 1, start + count + 1, dtype=torch.int64)
    return _mix_t(i * _signed(GOLDEN) + _signed(stream_key(seed, stream)))


def values_t(seed, stream, count):
    """value(seed, stream, i) for i < count, float64, generated in chunks."""
    out = torch.empty(count, dtype=torch.float64)
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        top = _shr(bits_t(seed, stream, start, n), 40) - (1 << 23)
        out[start:start + n] = top.to(torch.float64) / float(1 << 23)
    return out


def round_to(v64, dtype):
    """float64 → dtype, rounded once to nearest-even (round-to-odd to f32 first for f16/bf16)."""
    f = v64.to(torch.float32)
    if dtype == torch.float32:
        return f
    back = f.to(torch.float64)
    inexact = back != v64
    toward_zero = torch.nextafter(f, torch.zeros_like(f))
    f = torch.where(inexact & (back.abs() > v64.abs()), toward_zero, f)
    raw = f.view(torch.int32)
    raw = torch.where(inexact, raw | 1, raw)
    return raw.view(torch.float32).to(dtype)


def generate(seed, stream, shape, dtype, scale=1.0):
    """A host tensor of `shape` holding the stored (rounded) values of one stream."""
    count = math.prod(shape)
    v = values_t(seed, stream, count)
    if scale != 1.0:
        v = v * scale
    return round_to(v, dtype).reshape(shape)


def print_vectors():
    """Test vectors (seed 1) from both the scalar and the tensor path, as JSON."""
    rows = []
    for stream in (1, 2):
        for i in (0, 1, 1000):
            t = int(bits_t(1, stream, i, 1)[0]) & MASK
            rows.append({"stream": stream, "i": i, "bits": "%016X" % bits(1, stream, i),
                         "bits_tensor": "%016X" % t, "value": value(1, stream, i),
                         "value_tensor": float(values_t(1, stream, i + 1)[i])})
    print(json.dumps(rows))


# ----------------------------------------------------------------------------------------------
# Verification (protocol.md §4): float64 on the CPU, vectorised over the checked elements
# ----------------------------------------------------------------------------------------------

class ErrorStats:
    """max |y − ref| / max(norm, 1e-30) over checked elements; non-finite outputs counted apart."""

    def __init__(self):
        self.max_rel_err = 0.0
        self.checked = 0
        self.nonfinite = 0

    def add(self, y, ref, norm):
        y = y.reshape(-1).to(torch.float64)
        self.checked += y.numel()
        finite = torch.isfinite(y)
        if bool(finite.any()):
            err = (y - ref.reshape(-1)).abs() / norm.reshape(-1).clamp_min(1e-30)
            self.max_rel_err = max(self.max_rel_err, float(err[finite].max()))

    def scan(self, t):
        self.nonfinite += int((~torch.isfinite(t.detach())).sum())

    def to_json(self):
        return {"max_rel_err": None if self.nonfinite else self.max_rel_err,
                "checked": self.checked, "nonfinite": self.nonfinite}


_PICK_BITS = {}


def checked_indices(seed, samples, count):
    """0, count−1, then bits(seed, 99, j) mod count for j < samples, as a CPU int64 tensor."""
    key = (seed, samples)
    if key not in _PICK_BITS:
        _PICK_BITS[key] = [bits(seed, 99, j) for j in range(samples)]
    return torch.tensor([0, count - 1] + [b % count for b in _PICK_BITS[key]], dtype=torch.int64)


def host64(t):
    return t.detach().to("cpu").to(torch.float64)


def dot_check(stats, y, a, b, extra=None):
    """Adds elements y[s] = Σ_i a[s, i]·b[s, i] (+ extra[s]) with the Σ|a·b| (+|extra|) normaliser."""
    prod = a * b
    ref, norm = prod.sum(1), prod.abs().sum(1)
    if extra is not None:
        ref, norm = ref + extra, norm + extra.abs()
    stats.add(y, ref, norm)


def verify_matmul(c, p, seed, samples, a_host, b_host):
    stats = ErrorStats()
    y = c.detach().reshape(-1)
    stats.scan(y)
    idx = checked_indices(seed, samples, y.numel())
    mn = p["m"] * p["n"]
    bi, i, j = idx // mn, (idx % mn) // p["n"], idx % p["n"]
    rows = a_host[bi, :, i] if p["trans_a"] else a_host[bi, i, :]
    cols = b_host[bi, j, :] if p["trans_b"] else b_host[bi, :, j]
    dot_check(stats, host64(y[idx.to(y.device)]), rows.to(torch.float64), cols.to(torch.float64))
    return stats


def verify_conv2d(y, p, seed, samples, x_host, w_host):
    stats = ErrorStats()
    flat = y.detach().reshape(-1) if y.is_contiguous() else y.detach().contiguous().reshape(-1)
    stats.scan(flat)
    _, k_all, pp, qq = y.shape
    idx = checked_indices(seed, samples, flat.numel())
    q, pr = idx % qq, (idx // qq) % pp
    k, n = (idx // (qq * pp)) % k_all, idx // (qq * pp * k_all)
    cg, kg = p["c"] // p["groups"], p["k"] // p["groups"]
    pad, st, dil = p["pad"], p["stride"], p["dilation"]
    xp = F.pad(x_host, (pad, pad, pad, pad))
    c = torch.arange(cg).view(1, -1, 1, 1)
    r = torch.arange(p["r"]).view(1, 1, -1, 1)
    s = torch.arange(p["s"]).view(1, 1, 1, -1)
    ch = (k // kg).view(-1, 1, 1, 1) * cg + c
    patch = xp[n.view(-1, 1, 1, 1), ch, pr.view(-1, 1, 1, 1) * st + r * dil, q.view(-1, 1, 1, 1) * st + s * dil]
    wsel = w_host[k]
    dot_check(stats, host64(flat[idx.to(flat.device)]), patch.reshape(len(idx), -1).to(torch.float64),
              wsel.reshape(len(idx), -1).to(torch.float64))
    return stats


def verify_train(tr, p, seed, samples, init):
    """The staged check of protocol.md §4 from the first step's trace `tr` and initial inputs `init`."""
    stats = ErrorStats()
    for group in ("z", "h", "dz", "w", "b"):
        for t in tr[group]:
            stats.scan(t)
    stats.nonfinite += 0 if math.isfinite(tr["loss"]) else 1
    z = [host64(t) for t in tr["z"]]
    h = [host64(init["x"])] + [host64(t) for t in tr["h"]]
    dz = [host64(t) for t in tr["dz"]]
    w0 = [host64(t) for t in init["w"]]
    n, batch, lr = len(z), p["batch"], p["lr"]
    pick = lambda count: checked_indices(seed, samples, count)
    for l in range(n):
        idx = pick(z[l].numel())
        out = z[l].shape[1]
        bsel, jsel = idx // out, idx % out
        zero_bias = torch.zeros(len(idx), dtype=torch.float64)  # b_l starts at zero
        dot_check(stats, z[l].reshape(-1)[idx], h[l][bsel], w0[l][:, jsel].t(), zero_bias)
        if l < n - 1:
            zs = z[l].reshape(-1)[idx]
            stats.add(h[l + 1].reshape(-1)[idx], zs.clamp_min(0), zs.abs())
    logits = z[-1]
    labels = init["labels"].to("cpu")
    logp = logits - logits.max(1, keepdim=True).values
    logp = logp - logp.exp().sum(1, keepdim=True).log()
    loss = float(-logp[torch.arange(batch), labels].mean())
    ref = (logp.exp() - F.one_hot(labels, logits.shape[1]).to(torch.float64)) / batch
    stats.add(dz[-1], ref, torch.full_like(ref, 1.0 / batch))
    stats.add(torch.tensor([tr["loss"]], dtype=torch.float64), torch.tensor([loss]),
              torch.tensor([max(abs(loss), 1.0)], dtype=torch.float64))
    for l in range(n - 1):
        idx = pick(dz[l].numel())
        width = dz[l].shape[1]
        bsel, isel = idx // width, idx % width
        prod = dz[l + 1][bsel] * w0[l + 1][isel]
        ref = torch.where(z[l].reshape(-1)[idx] > 0, prod.sum(1), torch.zeros(len(idx), dtype=torch.float64))
        stats.add(dz[l].reshape(-1)[idx], ref, prod.abs().sum(1))
    for l in range(n):
        check_update(stats, tr, l, h[l], dz[l], w0[l], lr, pick)
    return stats


def check_update(stats, tr, l, h, dz, w0, lr, pick):
    idx = pick(w0.numel())
    out = w0.shape[1]
    isel, jsel = idx // out, idx % out
    prod = h[:, isel] * dz[:, jsel]
    wref = w0.reshape(-1)[idx]
    stats.add(host64(tr["w"][l]).reshape(-1)[idx], wref - lr * prod.sum(0), wref.abs() + abs(lr) * prod.abs().sum(0))
    jb = pick(out)
    col = dz[:, jb]
    stats.add(host64(tr["b"][l])[jb], -lr * col.sum(0), abs(lr) * col.abs().sum(0))


# ----------------------------------------------------------------------------------------------
# Timing loop (protocol.md §3)
# ----------------------------------------------------------------------------------------------

BUDGET_DEFAULTS = {"warmup_s": 0.1, "warmup_min_iters": 2, "target_sample_s": 0.02, "min_samples": 10,
                   "max_samples": 2000, "min_time_s": 0.25, "max_time_s": 3.0, "rel_ci": 0.01}


def parse_budget(raw):
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RunnerError("invalid", "budget must be an object")
    out = {}
    for name, default in BUDGET_DEFAULTS.items():
        v = raw.get(name, default)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise RunnerError("invalid", "budget.%s must be a finite number >= 0" % name)
        out[name] = v
    return out


def median_ci_within(sorted_samples, rel_ci):
    n = len(sorted_samples)
    half, spread = n / 2, 0.98 * math.sqrt(n)
    lo = min(max(math.floor(half - spread), 0), n - 1)
    hi = min(max(math.ceil(half + spread), 0), n - 1)
    median = sorted_samples[n // 2] if n % 2 else (sorted_samples[n // 2] + sorted_samples[n // 2 - 1]) / 2
    return sorted_samples[hi] - sorted_samples[lo] < rel_ci * median


def should_stop(b, sorted_samples, elapsed_s):
    n = len(sorted_samples)
    if n < b["min_samples"]:
        return False
    if n >= b["max_samples"] or elapsed_s >= b["max_time_s"]:
        return True
    return elapsed_s >= b["min_time_s"] and median_ci_within(sorted_samples, b["rel_ci"])


def measure(b, batch):
    """Warm-up, calibration and sampling; `batch(iters)` returns (wall_ns, device_ns or None)."""
    fastest, iters, first, device_timer = math.inf, 0, 0, False
    start = time.perf_counter_ns()
    while True:
        wall, dev = batch(1)
        if iters == 0:
            first, device_timer = wall, dev is not None
        fastest = min(fastest, dev if device_timer else wall)
        iters += 1
        if iters >= b["warmup_min_iters"] and time.perf_counter_ns() - start >= b["warmup_s"] * 1e9:
            break
    warm_total = time.perf_counter_ns() - start
    ips = int(min(max(math.ceil(b["target_sample_s"] * 1e9 / max(fastest, 1.0)), 1), 1e9))
    samples, walls, ordered = [], [], []
    start = time.perf_counter_ns()
    while True:
        wall, dev = batch(ips)
        t = dev if device_timer else wall
        samples.append(max(t, 1.0))
        walls.append(wall)
        bisect.insort(ordered, t)
        if should_stop(b, ordered, (time.perf_counter_ns() - start) * 1e-9):
            break
    reply = {"timer": "gpu" if device_timer else "wall", "iters_per_sample": ips, "samples_ns": samples,
             "warmup": {"iters": iters, "first_ns": first, "total_ns": warm_total}}
    if device_timer:
        reply["wall_samples_ns"] = walls
    return reply


# ----------------------------------------------------------------------------------------------
# Device: synchronisation, timers, facts for hello
# ----------------------------------------------------------------------------------------------

class Device:
    """One torch device: how to synchronise and time a batch, and what it is."""

    def __init__(self, kind):
        self.kind = kind
        self.torch_device = torch.device(kind)
        self.mps_events = False
        if kind == "cuda":
            self.start_ev = torch.cuda.Event(enable_timing=True)
            self.end_ev = torch.cuda.Event(enable_timing=True)
        if kind == "mps" and os.environ.get("MPSBENCH_TORCH_MPS_EVENTS", "1") != "0":
            self.mps_events = self._try_mps_events()

    def _try_mps_events(self):
        event = getattr(getattr(torch, "mps", None), "Event", None)
        if event is None:
            return False
        try:
            self.start_ev, self.end_ev = event(enable_timing=True), event(enable_timing=True)
            self.start_ev.record()
            torch.ones(16, device="mps").sum()
            self.end_ev.record()
            self.end_ev.synchronize()
            return self.start_ev.elapsed_time(self.end_ev) >= 0
        except Exception:  # noqa: BLE001 - any failure means: use the wall clock
            return False

    def sync(self):
        if self.kind == "cuda":
            torch.cuda.synchronize()
        elif self.kind == "mps":
            if hasattr(torch, "mps") and hasattr(torch.mps, "synchronize"):
                torch.mps.synchronize()
            else:  # torch < 2.0: reading a value back waits for the queue
                torch.zeros(1, device="mps").cpu()

    def batch_fn(self, step):
        """A function running `iters` iterations then one synchronisation, timed."""
        events = self.kind == "cuda" or self.mps_events

        def run(iters):
            self.sync()
            # As timeit and torch.utils.benchmark do: no garbage-collector pauses inside a sample
            # (a launch-bound autograd step allocates enough Python objects to trigger them).
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                t0 = time.perf_counter_ns()
                if events:
                    self.start_ev.record()
                for _ in range(iters):
                    step()
                if events:
                    self.end_ev.record()
                    self.end_ev.synchronize()
                self.sync()
                wall = time.perf_counter_ns() - t0
            finally:
                if gc_was_enabled:
                    gc.enable()
            return wall, (self.start_ev.elapsed_time(self.end_ev) * 1e6 if events else None)

        return run

    def empty_cache(self):
        gc.collect()
        if self.kind == "cuda":
            torch.cuda.empty_cache()
        elif self.kind == "mps" and hasattr(getattr(torch, "mps", None), "empty_cache"):
            torch.mps.empty_cache()


def host_memory():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def cpu_name():
    if sys.platform == "darwin":
        try:
            return subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True,
                                  text=True, timeout=5).stdout.strip() or platform.processor()
        except (OSError, subprocess.SubprocessError):
            return platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def device_facts(dev):
    cores = os.cpu_count() or 1
    facts = {"name": cpu_name(), "kind": "cpu", "memory_bytes": host_memory(), "cores": cores,
             "threads": torch.get_num_threads()}
    if dev.kind == "cuda":
        prop = torch.cuda.get_device_properties(0)
        facts.update(name=prop.name, kind="gpu", memory_bytes=prop.total_memory, cores=prop.multi_processor_count,
                     capability="%d.%d" % (prop.major, prop.minor))
    elif dev.kind == "mps":
        rec = getattr(getattr(torch, "mps", None), "recommended_max_memory", None)
        facts.update(kind="gpu", memory_bytes=rec() if rec else host_memory())
    return facts


def libraries(dev):
    libs = {"torch": torch.__version__, "python": platform.python_version()}
    blas = [line.split("=", 1)[1].strip() for line in torch.__config__.show().splitlines()
            if "BLAS_INFO=" in line]
    if blas:
        libs["blas"] = blas[0].rstrip(",")
    if dev.kind == "cuda":
        libs["cuda"] = str(torch.version.cuda)
        libs["cudnn"] = str(torch.backends.cudnn.version())
    if sys.platform == "darwin":
        libs["macos"] = platform.mac_ver()[0]
        libs["mps"] = "available" if torch.backends.mps.is_available() else "unavailable"
    return libs


# ----------------------------------------------------------------------------------------------
# Workloads: prepare → (step, verify, tensors)
# ----------------------------------------------------------------------------------------------

TORCH_DTYPES = {"f32": "float32", "tf32": "float32", "f16": "float16", "bf16": "bfloat16"}
PARAMS = {"matmul": ("m", "n", "k", "batch", "trans_a", "trans_b"),
          "conv2d": ("n", "c", "h", "w", "k", "r", "s", "stride", "pad", "dilation", "groups", "layout"),
          "train": ("model", "layers", "batch", "lr")}


def set_math_mode(dev, dtype):
    """tf32 is f32 storage with TF32 math; f32 means exact f32 math on every device."""
    if dev.kind == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = dtype == "tf32"
        torch.backends.cudnn.allow_tf32 = dtype == "tf32"


def prepare_matmul(dev, p, dtype, seed):
    b, m, n, k = p["batch"], p["m"], p["n"], p["k"]
    a_host = generate(seed, 1, (b, k, m) if p["trans_a"] else (b, m, k), dtype)
    b_host = generate(seed, 2, (b, n, k) if p["trans_b"] else (b, k, n), dtype)
    a_dev, b_dev = a_host.to(dev.torch_device), b_host.to(dev.torch_device)
    a_op = a_dev.transpose(1, 2) if p["trans_a"] else a_dev
    b_op = b_dev.transpose(1, 2) if p["trans_b"] else b_dev
    c = torch.empty((b, m, n), dtype=dtype, device=dev.torch_device)
    step = lambda: torch.bmm(a_op, b_op, out=c)

    def verify(seed_, samples):
        step()
        dev.sync()
        return verify_matmul(c, p, seed_, samples, a_host, b_host)

    return step, verify, [a_dev, b_dev, c]


def prepare_conv2d(dev, p, dtype, seed):
    x_host = generate(seed, 1, (p["n"], p["c"], p["h"], p["w"]), dtype)
    w_host = generate(seed, 2, (p["k"], p["c"] // p["groups"], p["r"], p["s"]), dtype)
    fmt = torch.channels_last if p["layout"] == "nhwc" else torch.contiguous_format
    x = x_host.to(dev.torch_device).contiguous(memory_format=fmt)
    w = w_host.to(dev.torch_device).contiguous(memory_format=fmt)
    out = {}

    def step():
        out["y"] = F.conv2d(x, w, None, p["stride"], p["pad"], p["dilation"], p["groups"])

    def verify(seed_, samples):
        step()
        dev.sync()
        return verify_conv2d(out["y"], p, seed_, samples, x_host, w_host)

    return step, verify, [x, w]


def prepare_train(dev, p, dtype, seed):
    layers, batch = p["layers"], p["batch"]
    x = generate(seed, 1, (batch, layers[0]), dtype).to(dev.torch_device)
    labels = torch.tensor([bits(seed, 2, b) % layers[-1] for b in range(batch)], dtype=torch.int64)
    init_w = [generate(seed, 10 + l, (layers[l - 1], layers[l]), dtype, math.sqrt(6.0 / (layers[l - 1] + layers[l])))
              for l in range(1, len(layers))]
    ws = [w.to(dev.torch_device, copy=True).requires_grad_() for w in init_w]
    bs = [torch.zeros(layers[l], dtype=dtype, device=dev.torch_device, requires_grad=True) for l in range(1, len(layers))]
    y = labels.to(dev.torch_device)
    trace = {}

    def step(record=False):
        h, zs, hs = x, [], []
        for l, (w, b) in enumerate(zip(ws, bs)):
            z = torch.addmm(b, h, w)
            if record:
                z.retain_grad()
                zs.append(z)
            h = torch.relu(z) if l < len(ws) - 1 else z
            if record and l < len(ws) - 1:
                hs.append(h)
        loss = F.cross_entropy(h, y)
        for t in ws + bs:
            t.grad = None
        loss.backward()
        if record:
            trace.update(z=[z.detach() for z in zs], h=[t.detach() for t in hs],
                         dz=[z.grad.detach() for z in zs], loss=float(loss))
        with torch.no_grad():
            for t in ws + bs:
                t.sub_(t.grad, alpha=p["lr"])

    def verify(seed_, samples):
        step(record=True)
        trace.update(w=[w.detach() for w in ws], b=[b.detach() for b in bs])
        init = {"x": x, "labels": labels, "w": init_w}
        stats = verify_train(trace, p, seed_, samples, init)
        trace.clear()
        return stats

    return step, verify, [x, y] + ws + bs


PREPARE = {"matmul": prepare_matmul, "conv2d": prepare_conv2d, "train": prepare_train}


def parse_case(raw):
    if not isinstance(raw, dict):
        raise RunnerError("invalid", 'run request without a "case" object')
    workload, dtype, params = raw.get("workload"), raw.get("dtype"), raw.get("params")
    if workload not in PARAMS:
        raise RunnerError("unsupported", "unknown workload %r" % (workload,))
    if dtype not in DTYPES:
        raise RunnerError("unsupported", "unknown dtype %r" % (dtype,))
    if not isinstance(params, dict) or any(k not in params for k in PARAMS[workload]):
        raise RunnerError("invalid", "params must carry %s" % ", ".join(PARAMS[workload]))
    seed = raw.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 2 ** 53:
        raise RunnerError("invalid", "seed must be an integer in [0, 2^53]")
    CHECK_PARAMS[workload](params)
    return workload, dtype, params, seed


MAX_DIM, MAX_TENSOR = 2 ** 31 - 1, 2 ** 34


def _ints(params, names, low=1):
    for name in names:
        v = params[name]
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= MAX_DIM:
            raise RunnerError("invalid", "%s must be an integer in [%d, 2^31-1], got %r" % (name, low, v))


def _bools(params, names):
    for name in names:
        if not isinstance(params[name], bool):
            raise RunnerError("invalid", "%s must be true or false" % name)


def _sizes(*counts):
    if any(c > MAX_TENSOR for c in counts):
        raise RunnerError("invalid", "a tensor would hold more than 2^34 elements")


def check_matmul(p):
    _ints(p, ("m", "n", "k", "batch"))
    _bools(p, ("trans_a", "trans_b"))
    _sizes(p["batch"] * p["m"] * p["k"], p["batch"] * p["k"] * p["n"], p["batch"] * p["m"] * p["n"])


def check_conv2d(p):
    _ints(p, ("n", "c", "h", "w", "k", "r", "s", "stride", "dilation", "groups"))
    _ints(p, ("pad",), 0)
    if p["layout"] not in ("nchw", "nhwc"):
        raise RunnerError("unsupported", "layout %r" % (p["layout"],))
    if p["c"] % p["groups"] or p["k"] % p["groups"]:
        raise RunnerError("invalid", "groups must divide c and k")
    out = [(size + 2 * p["pad"] - p["dilation"] * (kern - 1) - 1) // p["stride"] + 1
           for size, kern in ((p["h"], p["r"]), (p["w"], p["s"]))]
    if min(out) < 1:
        raise RunnerError("invalid", "the dilated kernel does not fit the padded input")
    _sizes(p["n"] * p["c"] * p["h"] * p["w"], p["k"] * p["c"] // p["groups"] * p["r"] * p["s"],
           p["n"] * p["k"] * out[0] * out[1])


def check_train(p):
    if p["model"] != "mlp":
        raise RunnerError("unsupported", "train model %r (this runner has mlp)" % (p["model"],))
    layers = p["layers"]
    if not isinstance(layers, list) or len(layers) < 2:
        raise RunnerError("invalid", "layers must list at least 2 widths")
    _ints(dict(enumerate(layers)), range(len(layers)))
    _ints(p, ("batch",))
    lr = p["lr"]
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr):
        raise RunnerError("invalid", "lr must be a finite number")
    _sizes(*[p["batch"] * w for w in layers], *[a * b for a, b in zip(layers, layers[1:])])


CHECK_PARAMS = {"matmul": check_matmul, "conv2d": check_conv2d, "train": check_train}


# ----------------------------------------------------------------------------------------------
# Protocol: hello, run, bye
# ----------------------------------------------------------------------------------------------

def classify(exc):
    """Maps an exception to an error kind."""
    if isinstance(exc, RunnerError):
        return exc.kind, str(exc)
    text = str(exc)
    oom_type = getattr(getattr(torch, "cuda", None), "OutOfMemoryError", ())
    if isinstance(exc, MemoryError) or (oom_type and isinstance(exc, oom_type)) or any(
            s in text for s in ("out of memory", "can't allocate memory", "not enough memory")):
        return "oom", text.splitlines()[0] if text else "out of memory"
    if "not implemented for" in text or "Unsupported" in text or "not supported" in text:
        return "unsupported", text.splitlines()[0]
    if isinstance(exc, (KeyError, TypeError, ValueError)):
        return "invalid", "%s: %s" % (type(exc).__name__, text)
    return "internal", "%s: %s" % (type(exc).__name__, text.splitlines()[0] if text else "")


class Runner:
    """The protocol state: device, supported dtypes (probed once) and request handling."""

    def __init__(self, kind):
        self.dev = Device(kind)
        self.workloads = None

    def supported(self):
        if self.workloads is None:
            self.workloads = {w: [d for d in DTYPES if self._works(w, d)] for w in WORKLOADS}
        return self.workloads

    def _works(self, workload, dtype):
        if dtype == "tf32" and not (self.dev.kind == "cuda" and torch.cuda.get_device_capability(0)[0] >= 8):
            return False
        tiny = {"matmul": {"m": 4, "n": 4, "k": 4, "batch": 1, "trans_a": False, "trans_b": False},
                "conv2d": {"n": 1, "c": 2, "h": 5, "w": 5, "k": 2, "r": 3, "s": 3, "stride": 1, "pad": 1,
                           "dilation": 1, "groups": 1, "layout": "nhwc"},
                "train": {"model": "mlp", "layers": [4, 4, 3], "batch": 2, "lr": 0.01}}[workload]
        try:
            set_math_mode(self.dev, dtype)
            step, verify, _ = PREPARE[workload](self.dev, tiny, getattr(torch, TORCH_DTYPES[dtype]), 1)
            step()
            verify(1, 2)
            self.dev.sync()
            return True
        except Exception as exc:  # noqa: BLE001 - a failing tiny case means: unsupported
            print("torch runner: %s %s unsupported here: %s" % (workload, dtype, str(exc).splitlines()[0] if str(exc) else exc),
                  file=sys.stderr)
            return False

    def hello(self):
        dev = self.dev
        timer = "gpu" if dev.kind == "cuda" or dev.mps_events else "wall"
        return {"op": "hello", "ok": True, "protocol": PROTOCOL, "backend": "torch-" + dev.kind,
                "runner": {"name": "mpsbench-runner-torch", "version": RUNNER_VERSION,
                           "build": {"python": platform.python_version(), "torch": torch.__version__,
                                     "debug": bool(getattr(torch.version, "debug", False))}},
                "device": device_facts(dev), "libraries": libraries(dev), "timer": timer,
                "workloads": self.supported(),
                "info": {"mps_events": dev.mps_events, "cudnn_benchmark": bool(torch.backends.cudnn.benchmark)}}

    def run(self, req):
        workload, dtype, params, seed = parse_case(req.get("case"))
        if dtype not in self.supported()[workload]:
            raise RunnerError("unsupported", "torch-%s does not run %s %s" % (self.dev.kind, workload, dtype))
        budget = parse_budget(req.get("budget"))
        verify_req = req.get("verify") or {}
        samples = verify_req.get("samples", 256) if isinstance(verify_req, dict) else 256
        if isinstance(samples, bool) or not isinstance(samples, int) or not 0 <= samples <= 10 ** 7:
            raise RunnerError("invalid", "verify.samples must be an integer in [0, 10^7]")
        set_math_mode(self.dev, dtype)
        if self.dev.kind == "cuda":
            torch.cuda.reset_peak_memory_stats()
        try:
            step, verify, tensors = PREPARE[workload](self.dev, params, getattr(torch, TORCH_DTYPES[dtype]), seed)
            stats = verify(seed, samples)
            self.dev.sync()
            reply = measure(budget, self.dev.batch_fn(step))
            mem = torch.cuda.max_memory_allocated() if self.dev.kind == "cuda" else sum(
                t.element_size() * t.nelement() for t in tensors)
            head = {"op": "run", "ok": True}
            head.update(reply)
            head.update(verify=stats.to_json(), mem_bytes=int(mem),
                        info={"torch": torch.__version__, "threads": torch.get_num_threads()})
            return head
        finally:
            step = verify = tensors = None
            self.dev.empty_cache()

    def handle(self, line):
        """One request line to one reply object; returns (reply, quit)."""
        try:
            req = json.loads(line)
        except ValueError as exc:
            return {"id": None, "op": "error", "ok": False, "error": {"kind": "invalid", "message": "bad JSON: %s" % exc}}, False
        if not isinstance(req, dict) or "id" not in req or not isinstance(req.get("op"), str):
            rid = req.get("id") if isinstance(req, dict) else None
            return {"id": rid, "op": "error", "ok": False,
                    "error": {"kind": "invalid", "message": 'a request is an object with "op" (a string) and "id"'}}, False
        rid, op = req["id"], req["op"]
        try:
            if op == "hello":
                return dict({"id": rid}, **self.hello()), False
            if op == "run":
                return dict({"id": rid}, **self.run(req)), False
            if op == "bye":
                return {"id": rid, "op": "bye", "ok": True}, True
            return {"id": rid, "op": "error", "ok": False, "error": {"kind": "invalid", "message": "unknown op %r" % op}}, False
        except Exception as exc:  # noqa: BLE001 - every failure becomes a reply
            kind, message = classify(exc)
            if kind == "oom":
                self.dev.empty_cache()
            return {"id": rid, "op": op, "ok": False, "error": {"kind": kind, "message": message}}, False


def device_problem(kind):
    """Why `kind` cannot be used here, or None."""
    if kind == "cuda" and not torch.cuda.is_available():
        return "torch %s sees no CUDA device (torch.cuda.is_available() is False)" % torch.__version__
    if kind == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            return "MPS is not available (needs macOS 12.3+ on Apple silicon and a torch built with MPS)"
    return None


def serve(kind, channel):
    problem = device_problem(kind)
    runner = None if problem else Runner(kind)
    for line in iter(sys.stdin.readline, ""):
        if not line.strip():
            continue
        if runner is None:
            reply, quit_ = unavailable_reply(line, problem)
        else:
            reply, quit_ = runner.handle(line)
        send(channel, reply)
        if quit_:
            break
    return 0


def unavailable_reply(line, problem):
    try:
        req = json.loads(line)
    except ValueError:
        req = {}
    rid = req.get("id") if isinstance(req, dict) else None
    op = req.get("op") if isinstance(req, dict) else "error"
    if op == "bye":
        return {"id": rid, "op": "bye", "ok": True}, True
    return {"id": rid, "op": op if isinstance(op, str) else "error", "ok": False,
            "error": {"kind": "unsupported", "message": problem}}, False


def main(argv):
    global torch, F
    if "--vectors" in argv:
        import torch as torch_module
        torch = torch_module
        print_vectors()
        return 0
    kind = argv[argv.index("--device") + 1] if "--device" in argv and argv.index("--device") + 1 < len(argv) else "cpu"
    if kind not in ("cpu", "cuda", "mps"):
        print("usage: runner.py --device cpu|cuda|mps", file=sys.stderr)
        return 2
    threads = os.environ.get("MPSBENCH_THREADS", "").strip()
    if threads and not (threads.isdigit() and int(threads) > 0):
        print("torch runner: MPSBENCH_THREADS must be a positive integer, got %r" % threads, file=sys.stderr)
        return 2
    channel = open_reply_channel()
    import torch as torch_module
    import torch.nn.functional as functional
    torch, F = torch_module, functional
    if threads:
        torch.set_num_threads(int(threads))
    return serve(kind, channel)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
