"""The JAX half of the jax runner: devices cpu, cuda (the CUDA plugin) and metal (Apple's jax-metal
plugin). Ops are jax.jit-compiled, synchronised with block_until_ready; f32 matmul and conv run at
Precision.HIGHEST (JAX's default on NVIDIA GPUs is TF32 for f32 inputs), tf32 at Precision.DEFAULT
on a GPU with TF32; the precision used is recorded in every run reply."""
import gc
import os
import sys

os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")  # leave GPU memory to other runners

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

from core.framework import Case, Framework, returning_case  # noqa: E402
from core.hostinfo import cpu_facts, host_memory, package_versions, platform_libraries  # noqa: E402

VERSION = jax.__version__
JAX_DTYPES = {"f32": jnp.float32, "tf32": jnp.float32, "f16": jnp.float16, "bf16": jnp.bfloat16}
PLATFORMS = {"cpu": ("cpu",), "cuda": ("cuda", "gpu"), "metal": ("metal",)}
PLUGINS = ("jaxlib", "jax-cuda13-plugin", "jax-cuda12-plugin", "jax-metal")


def _devices(platform=None):
    try:
        return jax.devices(platform) if platform else jax.devices()
    except Exception:  # noqa: BLE001 - that backend is not installed or failed to start
        return []


def find_device(device):
    """The first JAX device of the platform `device` names (by backend name or device.platform), or None."""
    names = PLATFORMS[device]
    for name in names:
        found = _devices(name)
        if found:
            return found[0]
    return next((d for d in _devices() if d.platform.lower() in names), None)


def device_problem(device):
    """Why JAX cannot use `device` here, or None."""
    if find_device(device) is None:
        seen = sorted({d.platform for d in _devices()})
        return "jax %s has no %s device (it sees: %s)" % (jax.__version__, device, ", ".join(seen) or "none")
    return None


def host(x):
    """A JAX array as a float32 numpy array."""
    return np.asarray(x.astype(jnp.float32))


class Backend(Framework):
    """JAX on one device."""

    name = "jax"

    def __init__(self, device, threads):
        super().__init__(device, threads)
        self.dev = find_device(device)
        self.precision = lax.Precision.HIGHEST
        if threads:
            print("jax runner: MPSBENCH_THREADS is not applied (XLA's CPU thread pool is not configurable at run time)",
                  file=sys.stderr)

    def _gpu_tf32(self):
        cc = getattr(self.dev, "compute_capability", None)
        return self.device == "cuda" and cc is not None and int(str(cc).split(".")[0]) >= 8

    def allows(self, workload, dtype):
        return dtype != "tf32" or self._gpu_tf32()

    def set_math(self, dtype):
        """f32: Precision.HIGHEST (true f32); tf32: Precision.DEFAULT, which is TF32 on NVIDIA GPUs."""
        self.precision = lax.Precision.DEFAULT if dtype == "tf32" else lax.Precision.HIGHEST

    def put(self, a, dtype):
        """Stored values as a device array of the case's dtype (exact: they are representable)."""
        return jax.device_put(np.ascontiguousarray(a).astype(JAX_DTYPES[dtype]), self.dev)

    def _case(self, fn, args, to_logical=None):
        return returning_case(lambda: fn(*args), lambda y: y.block_until_ready(), host, sum(a.nbytes for a in args),
                              to_logical)

    def matmul(self, p, dtype, a, b):
        prec = self.precision
        ta, tb = p["trans_a"], p["trans_b"]

        def mm(x, y):
            return jnp.matmul(jnp.swapaxes(x, 1, 2) if ta else x, jnp.swapaxes(y, 1, 2) if tb else y, precision=prec)

        return self._case(jax.jit(mm), [self.put(a, dtype), self.put(b, dtype)])

    def conv2d(self, p, dtype, x, w):
        nhwc = p["layout"] == "nhwc"
        dims = ("NHWC", "HWIO", "NHWC") if nhwc else ("NCHW", "OIHW", "NCHW")
        xs = x.transpose(0, 2, 3, 1) if nhwc else x
        ws = w.transpose(2, 3, 1, 0) if nhwc else w
        prec, pad, st, dil = self.precision, p["pad"], p["stride"], p["dilation"]

        def conv(xa, wa):
            return lax.conv_general_dilated(xa, wa, (st, st), [(pad, pad), (pad, pad)], rhs_dilation=(dil, dil),
                                            dimension_numbers=dims, feature_group_count=p["groups"], precision=prec)

        to_nchw = (lambda y: y.transpose(0, 3, 1, 2)) if nhwc else None
        return self._case(jax.jit(conv), [self.put(xs, dtype), self.put(ws, dtype)], to_nchw)

    def train(self, p, dtype, x, labels, ws):
        prec, lr, n = self.precision, p["lr"], len(ws)

        def forward(params, xa, ya, eps):
            h, zs, hs = xa, [], []
            for l, (w, b) in enumerate(params):
                z = jnp.matmul(h, w, precision=prec) + b
                if eps is not None:  # zeros, so that d loss / d eps_l is dz_l
                    z = z + eps[l]
                zs.append(z)
                h = jax.nn.relu(z) if l < n - 1 else z
                if l < n - 1:
                    hs.append(h)
            logp = jax.nn.log_softmax(h, axis=1)
            return -jnp.mean(jnp.take_along_axis(logp, ya[:, None], axis=1)), (zs, hs)

        def sgd(params, grads):
            return [(w - lr * gw, b - lr * gb) for (w, b), (gw, gb) in zip(params, grads)]

        def update(params, xa, ya):
            return sgd(params, jax.grad(lambda ps: forward(ps, xa, ya, None)[0])(params))

        def traced(params, xa, ya, eps):
            (loss, (zs, hs)), (grads, dz) = jax.value_and_grad(forward, argnums=(0, 3), has_aux=True)(params, xa, ya, eps)
            return sgd(params, grads), loss, zs, hs, dz

        update = jax.jit(update, donate_argnums=0 if self.device == "cuda" else ())
        traced = jax.jit(traced)
        xd, yd = self.put(x, dtype), jax.device_put(labels.astype(np.int32), self.dev)
        eps = [self.put(np.zeros((x.shape[0], w.shape[1]), np.float32), dtype) for w in ws]
        state = {"p": [(self.put(w, dtype), self.put(np.zeros(w.shape[1], np.float32), dtype)) for w in ws]}

        def step():
            state["p"] = update(state["p"], xd, yd)

        def sync():
            jax.block_until_ready(state["p"])

        def result():
            state["p"], loss, zs, hs, dz = traced(state["p"], xd, yd, eps)
            sync()
            return {"z": [host(z) for z in zs], "h": [host(h) for h in hs], "dz": [host(d) for d in dz],
                    "loss": float(loss), "w": [host(w) for w, _ in state["p"]], "b": [host(b) for _, b in state["p"]]}

        nbytes = xd.nbytes + sum(w.nbytes + b.nbytes for w, b in state["p"])
        return Case(step, sync, result, nbytes)

    def build(self):
        return {"jax": jax.__version__, "backend": self.dev.platform, "debug": False}

    def device_facts(self):
        facts = cpu_facts(os.cpu_count() or 1)
        if self.device != "cpu":
            stats = self._memory_stats()
            facts.update(name=str(getattr(self.dev, "device_kind", self.device)), kind="gpu",
                         memory_bytes=int(stats.get("bytes_limit", host_memory())))
            cores = getattr(self.dev, "core_count", None)
            if isinstance(cores, int) and cores > 0:
                facts["cores"] = cores
            cc = getattr(self.dev, "compute_capability", None)
            if cc is not None:
                facts["capability"] = str(cc)
        return facts

    def _memory_stats(self):
        try:
            return self.dev.memory_stats() or {}
        except Exception:  # noqa: BLE001 - not every plugin reports memory
            return {}

    def libraries(self):
        libs = dict(platform_libraries(), jax=jax.__version__, **package_versions(PLUGINS))
        try:
            libs["platform"] = " ".join(str(self.dev.client.platform_version).split())
        except Exception:  # noqa: BLE001 - a fact, not a requirement
            pass
        return libs

    def info(self):
        return {"f32_precision": "HIGHEST", "tf32_precision": "DEFAULT" if self._gpu_tf32() else None,
                "preallocate": os.environ.get("XLA_PYTHON_CLIENT_PREALLOCATE"),
                "xla_flags": os.environ.get("XLA_FLAGS", "")}

    def run_info(self, dtype):
        return {"jax": jax.__version__, "precision": self.precision.name, "device": str(self.dev)}

    def release(self):
        gc.collect()
        jax.clear_caches()
