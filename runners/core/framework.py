"""What a framework module supplies to the core, and the `Case` its ops return.

A framework module (runners/<name>/<name>_backend.py) defines:

- `device_problem(device)` → why the device cannot be used, or None;
- `Backend(device, threads)`, a subclass of `Framework` below, with the workload ops it has (the
  others raise NotImplementedError and are reported unsupported);
- optionally `oom_types()` for its out-of-memory exception classes.

Each op receives the stored inputs as float32 numpy arrays (values exact in the dtype, see
generator.py) and returns a `Case`. Conversions, compilation and the copy to the device happen
in the op, before timing.
"""
from collections import namedtuple

from .verify import HostOutput

#: step(): one iteration (may be asynchronous); sync(): waits for every iteration queued so far;
#: result(): runs one iteration, waits, and returns what verification needs (an output with
#: take/nonfinite for matmul and conv2d, the trace dict of verify.verify_train for train);
#: nbytes: the memory the case holds on its device.
Case = namedtuple("Case", "step sync result nbytes")


def returning_case(run, wait, to_host, nbytes, to_logical=None, check=None):
    """A Case for an op that returns a fresh output per call (JAX, MLX, TensorFlow).

    run() launches one iteration and returns its output; wait(y) blocks until y is computed;
    to_host(y) copies it to a numpy array, to_logical reorders that array to the logical layout
    (NHWC → NCHW) and check(y), when given, may refuse the output (e.g. placed on the wrong device).
    """
    out = {}

    def step():
        out["y"] = run()

    def sync():
        if "y" in out:
            wait(out["y"])

    def result():
        step()
        sync()
        if check is not None:
            check(out["y"])
        y = to_host(out["y"])
        return HostOutput(to_logical(y) if to_logical else y)

    return Case(step, sync, result, nbytes)


class Framework:
    """The framework-specific half of a runner; subclasses override what they have."""

    name = "?"

    def __init__(self, device, threads):
        self.device = device
        self.threads = threads

    @property
    def backend(self):
        """The backend name hello reports, e.g. torch-cpu."""
        return "%s-%s" % (self.name, self.device)

    def allows(self, workload, dtype):
        """A quick veto before the start-up trial (e.g. tf32 only on a GPU with TF32 math)."""
        return dtype != "tf32"

    def set_math(self, dtype):
        """Sets the math mode a dtype asks for (f32 exact, tf32 TF32) before a case is prepared."""

    def matmul(self, p, dtype, a, b):
        """C[b] = op(A[b])·op(B[b]); `a`, `b` as generated (their stored layout)."""
        raise NotImplementedError

    def conv2d(self, p, dtype, x, w):
        """Cross-correlation of x (NCHW) with w (KCRS) in p["layout"]; result() in logical NCHW."""
        raise NotImplementedError

    def train(self, p, dtype, x, labels, ws):
        """One SGD step of the MLP of protocol.md §4 per iteration."""
        raise NotImplementedError

    def attention(self, p, dtype, q, k, v):
        """O = softmax(Q·Kᵀ/√d [causal])·V, [batch][heads][len][d]; result() an output of O."""
        raise NotImplementedError

    def bandwidth(self, p, dtype, src, c):
        """STREAM copy (dst = src) or, with `c`, triad (dst = src + 3·c); result() an output of dst."""
        raise NotImplementedError

    def infer(self, p, dtype, x, ws):
        """The MLP forward pass (zero biases); result() an output of the logits."""
        raise NotImplementedError

    def timer(self):
        """A device timer (start(), stop(), elapsed() → ns; see timing.timed_batch) or None for the wall clock."""
        return None

    def build(self):
        """hello.runner.build: interpreter and framework build facts."""
        return {}

    def device_facts(self):
        """hello.device: name, kind, memory_bytes, cores, threads (and more)."""
        raise NotImplementedError

    def libraries(self):
        """hello.libraries: framework, plugin and library versions."""
        return {}

    def info(self):
        """hello.info: settings that shape every result (math modes, timers)."""
        return {}

    def run_info(self, dtype):
        """A run reply's info: facts about this case (the precision used, the device that ran it)."""
        return {}

    def begin(self):
        """Called before each case is prepared (e.g. to reset peak-memory counters)."""

    def peak_bytes(self):
        """Peak device memory of the last case, when the framework tracks it; else None."""
        return None

    def release(self):
        """Frees what a finished case left behind (caches, collected garbage)."""

    def is_oom(self, exc):
        """Whether an exception is the framework's out-of-memory error."""
        return False
