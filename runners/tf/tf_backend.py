"""The TensorFlow half of the tf runner: devices cpu and gpu (CUDA on Linux, the tensorflow-metal
plugin on macOS). Ops are tf.function's, XLA-compiled when MPSBENCH_TF_JIT=1 (jit_compile; the
Metal plugin has no XLA); a sample ends by reading a result back, which waits for the device.
Soft device placement is off and the device that produced each verified output is recorded: a
case TensorFlow would run on the CPU instead of the GPU fails as unsupported, never silently.

UNVERIFIED: TensorFlow cannot be installed on any machine this runner was written on; it follows
TensorFlow's documented Python API and has never run. Its conformance test runs wherever
tensorflow imports.
"""
import gc
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from core.errors import RunnerError  # noqa: E402
from core.framework import Case, Framework, returning_case  # noqa: E402
from core.hostinfo import cpu_facts, host_memory, package_versions, platform_libraries  # noqa: E402

VERSION = tf.__version__
TF_DTYPES = {"f32": tf.float32, "tf32": tf.float32, "f16": tf.float16, "bf16": tf.bfloat16}
JIT = os.environ.get("MPSBENCH_TF_JIT", "0") == "1"
PLUGINS = ("tensorflow-metal", "tensorflow-macos", "tensorflow-cpu")


def device_problem(device):
    """Why TensorFlow cannot use `device` here, or None."""
    if device == "gpu" and not tf.config.list_physical_devices("GPU"):
        return ("tensorflow %s sees no GPU (on macOS: pip install tensorflow-metal; on Linux: a CUDA build, "
                "pip install tensorflow[and-cuda])" % tf.__version__)
    return None


def host(t):
    """A tensor as a float32 numpy array."""
    return tf.cast(t, tf.float32).numpy()


class Backend(Framework):
    """TensorFlow on one device."""

    name = "tf"

    def __init__(self, device, threads):
        super().__init__(device, threads)
        if threads:  # before the runtime starts
            tf.config.threading.set_intra_op_parallelism_threads(threads)
        gpus = tf.config.list_physical_devices("GPU")
        if device == "cpu":
            tf.config.set_visible_devices([], "GPU")  # tf-cpu must not place anything on a GPU
        for gpu in gpus if device == "gpu" else []:
            tf.config.experimental.set_memory_growth(gpu, True)  # leave GPU memory to other runners
        tf.config.set_soft_device_placement(False)
        self.dev = "/GPU:0" if device == "gpu" else "/CPU:0"
        self.placed = None

    def _capability(self):
        gpus = tf.config.list_physical_devices("GPU")
        details = tf.config.experimental.get_device_details(gpus[0]) if gpus else {}
        return details.get("compute_capability"), details

    def allows(self, workload, dtype):
        cc, _ = self._capability() if self.device == "gpu" else (None, {})
        return dtype != "tf32" or (cc is not None and cc[0] >= 8)

    def set_math(self, dtype):
        """f32 is exact f32 (TF enables TF32 by default on Ampere and later); tf32 turns it on."""
        tf.config.experimental.enable_tensor_float_32_execution(dtype == "tf32")

    def put(self, a, dtype):
        """Stored values as a tensor on the device, of the case's dtype (exact: they are representable)."""
        with tf.device(self.dev):
            return tf.identity(tf.cast(tf.constant(np.ascontiguousarray(a, dtype=np.float32)), TF_DTYPES[dtype]))

    def _check_placement(self, t):
        self.placed = t.device
        if self.device == "gpu" and "GPU" not in t.device.upper():
            raise RunnerError("unsupported", "TensorFlow ran this case on %s, not the GPU" % t.device)

    def _case(self, fn, args, to_logical=None):
        def run():
            with tf.device(self.dev):
                return fn(*args)

        def wait(y):
            tf.reshape(y, [-1])[:1].numpy()  # reading back waits for the device

        nbytes = sum(int(np.prod(a.shape)) * a.dtype.size for a in args)
        return returning_case(run, wait, host, nbytes, to_logical, self._check_placement)

    def matmul(self, p, dtype, a, b):
        ta, tb = p["trans_a"], p["trans_b"]
        mm = tf.function(lambda x, y: tf.linalg.matmul(x, y, transpose_a=ta, transpose_b=tb), jit_compile=JIT)
        return self._case(mm, [self.put(a, dtype), self.put(b, dtype)])

    def conv2d(self, p, dtype, x, w):
        nhwc = p["layout"] == "nhwc"
        if not nhwc and self.device == "cpu" and not JIT:
            raise RunnerError("unsupported", "TensorFlow's CPU conv2d is NHWC only (MPSBENCH_TF_JIT=1 runs NCHW through XLA)")
        st, pad, dil = p["stride"], p["pad"], p["dilation"]
        fmt = "NHWC" if nhwc else "NCHW"
        strides = [1, st, st, 1] if nhwc else [1, 1, st, st]
        dilations = [1, dil, dil, 1] if nhwc else [1, 1, dil, dil]
        padding = [[0, 0], [pad, pad], [pad, pad], [0, 0]] if nhwc else [[0, 0], [0, 0], [pad, pad], [pad, pad]]
        conv = tf.function(lambda xa, wa: tf.nn.conv2d(xa, wa, strides, padding, data_format=fmt, dilations=dilations),
                           jit_compile=JIT)
        xs = x.transpose(0, 2, 3, 1) if nhwc else x
        to_nchw = (lambda y: y.transpose(0, 3, 1, 2)) if nhwc else None
        return self._case(conv, [self.put(xs, dtype), self.put(w.transpose(2, 3, 1, 0), dtype)], to_nchw)

    def train(self, p, dtype, x, labels, ws):
        n, dt = len(ws), TF_DTYPES[dtype]
        xd = self.put(x, dtype)
        with tf.device(self.dev):
            yd = tf.identity(tf.constant(labels.astype(np.int32)))
            wv = [tf.Variable(self.put(w, dtype)) for w in ws]
            bv = [tf.Variable(tf.zeros([w.shape[1]], dt)) for w in ws]
        lr = tf.constant(p["lr"], dt)

        def forward(tape=None):
            h, zs, hs = xd, [], []
            for l in range(n):
                z = tf.linalg.matmul(h, wv[l]) + bv[l]
                if tape is not None:
                    tape.watch(z)
                zs.append(z)
                h = tf.nn.relu(z) if l < n - 1 else z
                if l < n - 1:
                    hs.append(h)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yd, logits=h))
            return loss, zs, hs

        def sgd(grads):
            for v, g in zip(wv + bv, grads):
                v.assign_sub(lr * g)

        @tf.function(jit_compile=JIT)
        def update():
            with tf.GradientTape() as tape:
                loss, _, _ = forward()
            sgd(tape.gradient(loss, wv + bv))
            return bv[-1].read_value()  # ordered after every update: reading it back waits for the step

        out = {}

        def step():
            with tf.device(self.dev):
                out["y"] = update()

        def sync():
            if "y" in out:
                out["y"].numpy()

        def result():
            with tf.device(self.dev), tf.GradientTape() as tape:
                loss, zs, hs = forward(tape)
            grads = tape.gradient(loss, wv + bv + zs)
            with tf.device(self.dev):
                sgd(grads[:2 * n])
            self._check_placement(zs[-1])
            return {"z": [host(z) for z in zs], "h": [host(h) for h in hs], "dz": [host(d) for d in grads[2 * n:]],
                    "loss": float(loss.numpy()), "w": [host(v) for v in wv], "b": [host(v) for v in bv]}

        nbytes = sum(int(np.prod(t.shape)) * t.dtype.size for t in [xd] + wv + bv)
        return Case(step, sync, result, nbytes)

    def build(self):
        info = tf.sysconfig.get_build_info()
        return {"tensorflow": tf.__version__, "cuda": info.get("cuda_version"), "cudnn": info.get("cudnn_version"),
                "debug": False}

    def device_facts(self):
        threads = tf.config.threading.get_intra_op_parallelism_threads() or (os.cpu_count() or 1)
        facts = cpu_facts(threads)
        if self.device == "gpu":
            cc, details = self._capability()
            facts.update(name=str(details.get("device_name", "GPU")), kind="gpu", memory_bytes=self._gpu_memory())
            if cc is not None:
                facts["capability"] = "%d.%d" % tuple(cc)
        return facts

    def _gpu_memory(self):
        try:
            from tensorflow.python.client import device_lib  # the one place TF reports a GPU's memory
            limits = [d.memory_limit for d in device_lib.list_local_devices() if d.device_type == "GPU"]
            return int(limits[0]) if limits else host_memory()
        except Exception:  # noqa: BLE001 - a plugin without the query: unified memory, report the host's
            return host_memory()

    def libraries(self):
        libs = dict(platform_libraries(), tensorflow=tf.__version__, **package_versions(PLUGINS))
        info = tf.sysconfig.get_build_info()
        for key in ("cuda_version", "cudnn_version"):
            if info.get(key):
                libs[key.split("_")[0]] = str(info[key])
        return libs

    def info(self):
        return {"jit_compile": JIT, "soft_device_placement": False, "verified_here": False}

    def run_info(self, dtype):
        return {"tensorflow": tf.__version__, "device": self.placed, "jit_compile": JIT,
                "tf32": tf.config.experimental.tensor_float_32_execution_enabled()}

    def begin(self):
        self.placed = None
        if self.device == "gpu":
            try:
                tf.config.experimental.reset_memory_stats("GPU:0")
            except (ValueError, tf.errors.OpError):  # the Metal plugin may not track memory
                pass

    def peak_bytes(self):
        if self.device != "gpu":
            return None
        try:
            return int(tf.config.experimental.get_memory_info("GPU:0")["peak"])
        except (ValueError, tf.errors.OpError):
            return None

    def release(self):
        gc.collect()

    def is_oom(self, exc):
        return isinstance(exc, tf.errors.ResourceExhaustedError)
