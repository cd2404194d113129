"""The MLX half of the mlx runner: devices gpu (Metal on Apple silicon, or MLX's CUDA backend) and
cpu. MLX is lazy, so every iteration is handed to mx.async_eval and a sample ends with a
synchronisation: only evaluated work is timed. The training step is mx.compile'd.

UNVERIFIED: MLX cannot be installed on any machine this runner was written on; it follows MLX's
documented Python API (mlx.core) and has never run. Its conformance test runs wherever mlx imports.
"""
import gc

import mlx.core as mx
import numpy as np

from core.errors import RunnerError
from core.framework import Case, Framework, returning_case
from core.hostinfo import cpu_facts, host_memory, platform_libraries

VERSION = mx.__version__
MLX_DTYPES = {"f32": mx.float32, "f16": mx.float16, "bf16": mx.bfloat16}


def _call(*names):
    """The first of mx.<name> / mx.metal.<name> that exists (MLX moved memory calls out of mx.metal)."""
    for name in names:
        obj = mx
        for part in name.split("."):
            obj = getattr(obj, part, None)
        if callable(obj):
            return obj
    return None


def gpu_kind():
    """'metal' or 'cuda' when MLX has a GPU backend here, else None."""
    for kind in ("metal", "cuda"):
        module = getattr(mx, kind, None)
        if module is not None and getattr(module, "is_available", lambda: False)():
            return kind
    return None


def device_problem(device):
    """Why MLX cannot use `device` here, or None."""
    if device == "gpu" and gpu_kind() is None:
        return "mlx %s has no GPU backend here (mx.metal.is_available() is False)" % mx.__version__
    return None


def host(a):
    """An MLX array as a float32 numpy array."""
    return np.array(a.astype(mx.float32))


class Backend(Framework):
    """MLX on one device."""

    name = "mlx"

    def __init__(self, device, threads):
        super().__init__(device, threads)
        mx.set_default_device(mx.gpu if device == "gpu" else mx.cpu)
        self._sync = _call("synchronize")

    def put(self, a, dtype):
        """Stored values as an evaluated MLX array of the case's dtype (exact: they are representable)."""
        arr = mx.array(np.ascontiguousarray(a, dtype=np.float32)).astype(MLX_DTYPES[dtype])
        mx.eval(arr)
        return arr

    def _wait(self, arrays):
        if self._sync is not None:
            self._sync()
        else:
            mx.eval(arrays)

    def _case(self, fn, args, to_logical=None):
        def run():
            y = fn(*args)
            mx.async_eval(y)  # lazy: hand every iteration to the device, or it is never computed
            return y

        return returning_case(run, self._wait, host, sum(a.nbytes for a in args), to_logical)

    def matmul(self, p, dtype, a, b):
        ta, tb = p["trans_a"], p["trans_b"]

        def mm(x, y):
            return mx.matmul(mx.swapaxes(x, 1, 2) if ta else x, mx.swapaxes(y, 1, 2) if tb else y)

        return self._case(mm, [self.put(a, dtype), self.put(b, dtype)])

    def conv2d(self, p, dtype, x, w):
        if p["layout"] != "nhwc":
            raise RunnerError("unsupported", "MLX convolutions are channels-last only (layout nhwc)")
        st, pad, dil, groups = p["stride"], p["pad"], p["dilation"], p["groups"]

        def conv(xa, wa):
            return mx.conv2d(xa, wa, stride=st, padding=pad, dilation=dil, groups=groups)

        args = [self.put(x.transpose(0, 2, 3, 1), dtype), self.put(w.transpose(0, 2, 3, 1), dtype)]
        return self._case(conv, args, lambda y: y.transpose(0, 3, 1, 2))

    def train(self, p, dtype, x, labels, ws):
        lr, n = p["lr"], len(ws)

        def forward(wts, bs, xa, ya, eps):
            h, zs, hs = xa, [], []
            for l in range(n):
                z = h @ wts[l] + bs[l]
                if eps is not None:  # zeros, so that d loss / d eps_l is dz_l
                    z = z + eps[l]
                zs.append(z)
                h = mx.maximum(z, 0) if l < n - 1 else z
                if l < n - 1:
                    hs.append(h)
            logp = h - mx.logsumexp(h, axis=1, keepdims=True)
            return -mx.mean(mx.take_along_axis(logp, ya[:, None], axis=1)), zs, hs

        grad_params = mx.value_and_grad(lambda wts, bs, xa, ya: forward(wts, bs, xa, ya, None)[0], argnums=[0, 1])
        grad_traced = mx.value_and_grad(forward, argnums=[0, 1, 4])

        def update(wts, bs, xa, ya):
            _, (gw, gb) = grad_params(wts, bs, xa, ya)
            return [w - lr * g for w, g in zip(wts, gw)], [b - lr * g for b, g in zip(bs, gb)]

        update = mx.compile(update)
        xd, yd = self.put(x, dtype), mx.array(labels.astype(np.int32))
        eps = [self.put(np.zeros((x.shape[0], w.shape[1]), np.float32), dtype) for w in ws]
        state = {"w": [self.put(w, dtype) for w in ws], "b": [self.put(np.zeros(w.shape[1], np.float32), dtype) for w in ws]}

        def step():
            state["w"], state["b"] = update(state["w"], state["b"], xd, yd)
            mx.async_eval(state["w"], state["b"])

        def sync():
            self._wait([state["w"], state["b"]])

        def result():
            (loss, zs, hs), (gw, gb, dz) = grad_traced(state["w"], state["b"], xd, yd, eps)
            state["w"] = [w - lr * g for w, g in zip(state["w"], gw)]
            state["b"] = [b - lr * g for b, g in zip(state["b"], gb)]
            mx.eval(loss, zs, hs, dz, state["w"], state["b"])
            return {"z": [host(z) for z in zs], "h": [host(h) for h in hs], "dz": [host(d) for d in dz],
                    "loss": float(loss.item()), "w": [host(w) for w in state["w"]], "b": [host(b) for b in state["b"]]}

        nbytes = xd.nbytes + sum(a.nbytes for a in state["w"] + state["b"])
        return Case(step, sync, result, nbytes)

    def build(self):
        return {"mlx": mx.__version__, "gpu_backend": gpu_kind(), "debug": False}

    def device_facts(self):
        facts = cpu_facts(1)
        if self.device == "gpu":
            info = _call("device_info", "metal.device_info")
            details = info() if info else {}
            facts.update(name=str(details.get("device_name", "Apple GPU")), kind="gpu",
                         memory_bytes=int(details.get("max_recommended_working_set_size", host_memory())))
            if "architecture" in details:
                facts["architecture"] = str(details["architecture"])
        return facts

    def libraries(self):
        return dict(platform_libraries(), mlx=mx.__version__)

    def info(self):
        return {"lazy": "each iteration mx.async_eval'd, samples end with mx.synchronize",
                "compiled": "train step (mx.compile)", "verified_here": False}

    def run_info(self, dtype):
        return {"mlx": mx.__version__, "device": str(mx.default_device())}

    def begin(self):
        reset = _call("reset_peak_memory", "metal.reset_peak_memory")
        if reset is not None and self.device == "gpu":
            reset()

    def peak_bytes(self):
        peak = _call("get_peak_memory", "metal.get_peak_memory")
        return int(peak()) if peak is not None and self.device == "gpu" else None

    def release(self):
        gc.collect()
        clear = _call("clear_cache", "metal.clear_cache")
        if clear is not None:
            clear()
