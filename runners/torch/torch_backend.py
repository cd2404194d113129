"""The PyTorch half of the torch runner: devices cpu, cuda and mps, the workloads' ops,
synchronisation, CUDA / MPS event timers and torch's environment facts. Everything else is in
runners/core."""
import gc
import os
import platform

import numpy as np
import torch
import torch.nn.functional as F

from core.framework import Case, Framework
from core.verify_forward import TRIAD_SCALAR
from torch_sdpa import sdpa
from core.hostinfo import cpu_facts, host_memory, platform_libraries

VERSION = torch.__version__
TORCH_DTYPES = {"f32": torch.float32, "tf32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}


def device_problem(device):
    """Why torch cannot use `device` here, or None."""
    if device == "cuda":
        if not torch.version.cuda:
            return "torch %s was built without CUDA" % VERSION
        if not torch.cuda.is_available():
            return "torch %s sees no CUDA device (torch.cuda.is_available() is False)" % VERSION
    if device == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_built():
            return "torch %s was built without MPS" % VERSION
        if not mps.is_available():
            return "torch %s: MPS is not available (needs macOS 12.3+ on Apple silicon)" % VERSION
    return None


class Output:
    """A device tensor read back element by element (logical row-major order)."""

    def __init__(self, t):
        self.flat = t.detach().contiguous().reshape(-1)

    def take(self, idx):
        return self.flat[torch.from_numpy(idx).to(self.flat.device)].to("cpu").to(torch.float64).numpy()

    def nonfinite(self):
        return int((~torch.isfinite(self.flat)).sum())


def host(t):
    """A tensor as a float64 numpy array."""
    return t.detach().to("cpu").to(torch.float64).numpy()


class EventTimer:
    """CUDA or MPS events around a sample: start() and stop() record, elapsed() → device ns."""

    def __init__(self, event_class):
        self.start_ev, self.end_ev = event_class(enable_timing=True), event_class(enable_timing=True)

    def start(self):
        self.start_ev.record()

    def stop(self):
        self.end_ev.record()

    def elapsed(self):
        self.end_ev.synchronize()
        return self.start_ev.elapsed_time(self.end_ev) * 1e6


def _mps_timer():
    """An MPS event timer when torch has working MPS events (MPSBENCH_TORCH_MPS_EVENTS=0 turns it off)."""
    event = getattr(getattr(torch, "mps", None), "Event", None)
    if event is None or os.environ.get("MPSBENCH_TORCH_MPS_EVENTS", "1") == "0":
        return None
    try:
        timer = EventTimer(event)
        timer.start()
        torch.ones(16, device="mps").sum()
        timer.stop()
        return timer if timer.elapsed() >= 0 else None
    except Exception:  # noqa: BLE001 - any failure means: use the wall clock
        return None


class Backend(Framework):
    """torch on one device."""

    name = "torch"

    def __init__(self, device, threads):
        super().__init__(device, threads)
        if threads:
            torch.set_num_threads(threads)
        self.dev = torch.device(device)
        self._timer = EventTimer(torch.cuda.Event) if device == "cuda" else _mps_timer() if device == "mps" else None
        self._case_info = {}

    def allows(self, workload, dtype):
        return dtype != "tf32" or (self.device == "cuda" and torch.cuda.get_device_capability(0)[0] >= 8)

    def set_math(self, dtype):
        """tf32 is f32 storage with TF32 math; f32 means exact f32 math on every device."""
        if self.device == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = dtype == "tf32"
            torch.backends.cudnn.allow_tf32 = dtype == "tf32"

    def sync(self):
        if self.device == "cuda":
            torch.cuda.synchronize()
        elif self.device == "mps":
            if hasattr(torch, "mps") and hasattr(torch.mps, "synchronize"):
                torch.mps.synchronize()
            else:  # torch < 2.0: reading a value back waits for the queue
                torch.zeros(1, device="mps").cpu()

    def tensor(self, a, dtype, fmt=torch.contiguous_format):
        """A numpy array of stored values as a fresh device tensor of the case's dtype."""
        return torch.from_numpy(np.ascontiguousarray(a)).to(TORCH_DTYPES[dtype]).to(self.dev, copy=True).contiguous(memory_format=fmt)

    def case(self, step, result, tensors):
        return Case(step, self.sync, result, sum(t.element_size() * t.nelement() for t in tensors))

    def matmul(self, p, dtype, a, b):
        a_dev, b_dev = self.tensor(a, dtype), self.tensor(b, dtype)
        a_op = a_dev.transpose(1, 2) if p["trans_a"] else a_dev
        b_op = b_dev.transpose(1, 2) if p["trans_b"] else b_dev
        c = torch.empty((p["batch"], p["m"], p["n"]), dtype=TORCH_DTYPES[dtype], device=self.dev)
        step = lambda: torch.bmm(a_op, b_op, out=c)

        def result():
            step()
            self.sync()
            return Output(c)

        return self.case(step, result, [a_dev, b_dev, c])

    def conv2d(self, p, dtype, x, w):
        fmt = torch.channels_last if p["layout"] == "nhwc" else torch.contiguous_format
        x_dev, w_dev = self.tensor(x, dtype, fmt), self.tensor(w, dtype, fmt)
        out = {}

        def step():
            out["y"] = F.conv2d(x_dev, w_dev, None, p["stride"], p["pad"], p["dilation"], p["groups"])

        def result():
            step()
            self.sync()
            return Output(out["y"])

        return self.case(step, result, [x_dev, w_dev])

    def train(self, p, dtype, x, labels, ws):
        x_dev = self.tensor(x, dtype)
        y = torch.from_numpy(labels).to(self.dev)
        wt = [self.tensor(w, dtype).requires_grad_() for w in ws]
        bt = [torch.zeros(w.shape[1], dtype=TORCH_DTYPES[dtype], device=self.dev, requires_grad=True) for w in ws]
        trace = {}

        def step(record=False):
            h, zs, hs = x_dev, [], []
            for l, (w, b) in enumerate(zip(wt, bt)):
                z = torch.addmm(b, h, w)
                if record:
                    z.retain_grad()
                    zs.append(z)
                h = torch.relu(z) if l < len(wt) - 1 else z
                if record and l < len(wt) - 1:
                    hs.append(h)
            loss = F.cross_entropy(h, y)
            for t in wt + bt:
                t.grad = None
            loss.backward()
            if record:
                trace.update(z=[host(z) for z in zs], h=[host(t) for t in hs], dz=[host(z.grad) for z in zs],
                             loss=float(loss))
            with torch.no_grad():
                for t in wt + bt:
                    t.sub_(t.grad, alpha=p["lr"])

        def result():
            step(record=True)
            trace.update(w=[host(w) for w in wt], b=[host(b) for b in bt])
            return dict(trace)

        return self.case(step, result, [x_dev, y] + wt + bt)

    def attention(self, p, dtype, q, k, v):
        qd, kd, vd = self.tensor(q, dtype), self.tensor(k, dtype), self.tensor(v, dtype)
        attend, kernel = sdpa(qd, kd, vd, p["causal"])
        out = {}

        def step():
            out["o"] = attend()

        def result():
            step()
            self.sync()
            return Output(out["o"])

        self._case_info = {"kernel": kernel}
        return self.case(step, result, [qd, kd, vd])

    def bandwidth(self, p, dtype, src, c):
        src_dev = self.tensor(src, dtype)
        dst = torch.empty_like(src_dev)
        if c is None:
            step = lambda: dst.copy_(src_dev)
            tensors = [src_dev, dst]
        else:
            c_dev = self.tensor(c, dtype)
            step = lambda: torch.add(src_dev, c_dev, alpha=TRIAD_SCALAR, out=dst)
            tensors = [src_dev, c_dev, dst]

        def result():
            step()
            self.sync()
            return Output(dst)

        self._case_info = {"kernel": "Tensor.copy_" if c is None else "torch.add(alpha=3, out=)"}
        return self.case(step, result, tensors)

    def infer(self, p, dtype, x, ws):
        x_dev = self.tensor(x, dtype)
        wt = [self.tensor(w, dtype) for w in ws]
        bt = [torch.zeros(w.shape[1], dtype=TORCH_DTYPES[dtype], device=self.dev) for w in ws]
        out = {}

        def step():
            with torch.inference_mode():
                h = x_dev
                for l, (w, b) in enumerate(zip(wt, bt)):
                    h = torch.addmm(b, h, w)
                    if l < len(wt) - 1:
                        h = torch.relu_(h)
                out["z"] = h

        def result():
            step()
            self.sync()
            return Output(out["z"])

        return self.case(step, result, [x_dev] + wt + bt)

    def timer(self):
        return self._timer

    def build(self):
        return {"python": platform.python_version(), "torch": torch.__version__,
                "debug": bool(getattr(torch.version, "debug", False))}

    def device_facts(self):
        facts = cpu_facts(torch.get_num_threads())
        if self.device == "cuda":
            prop = torch.cuda.get_device_properties(0)
            facts.update(name=prop.name, kind="gpu", memory_bytes=prop.total_memory, cores=prop.multi_processor_count,
                         capability="%d.%d" % (prop.major, prop.minor))
        elif self.device == "mps":
            rec = getattr(getattr(torch, "mps", None), "recommended_max_memory", None)
            facts.update(kind="gpu", memory_bytes=rec() if rec else host_memory())
        return facts

    def libraries(self):
        libs = dict(platform_libraries(), torch=torch.__version__)
        blas = [line.split("=", 1)[1].strip() for line in torch.__config__.show().splitlines() if "BLAS_INFO=" in line]
        if blas:
            libs["blas"] = blas[0].rstrip(",")
        if self.device == "cuda":
            libs["cuda"] = str(torch.version.cuda)
            libs["cudnn"] = str(torch.backends.cudnn.version())
        if "macos" in libs:
            libs["mps"] = "available" if torch.backends.mps.is_available() else "unavailable"
        return libs

    def info(self):
        return {"mps_events": self.device == "mps" and self._timer is not None,
                "cudnn_benchmark": bool(torch.backends.cudnn.benchmark)}

    def run_info(self, dtype):
        info = {"torch": torch.__version__, "threads": torch.get_num_threads()}
        info.update(self._case_info)
        self._case_info = {}
        return info

    def begin(self):
        self._case_info = {}
        if self.device == "cuda":
            torch.cuda.reset_peak_memory_stats()

    def peak_bytes(self):
        return torch.cuda.max_memory_allocated() if self.device == "cuda" else None

    def release(self):
        gc.collect()
        if self.device == "cuda":
            torch.cuda.empty_cache()
        elif self.device == "mps" and hasattr(getattr(torch, "mps", None), "empty_cache"):
            torch.mps.empty_cache()

    def is_oom(self, exc):
        oom = getattr(getattr(torch, "cuda", None), "OutOfMemoryError", None)
        return oom is not None and isinstance(exc, oom)
