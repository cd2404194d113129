"""The workloads, in one table: each one's parameters, parameter checks, the tiny case tried at
start-up to learn which dtypes work, and the driver that generates its inputs, asks the framework
for the op and verifies what comes back. Adding a workload is one entry in WORKLOADS."""
import math
from collections import namedtuple

from .errors import RunnerError
from .generator import DTYPES, generate, labels
from .verify import conv_out_size, verify_conv2d, verify_matmul, verify_train
from .verify_forward import bandwidth_elements, kv_len, verify_attention, verify_bandwidth, verify_infer

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
    """Integer dimensions, boolean transposes, tensors within 2^34 elements."""
    _ints(p, ("m", "n", "k", "batch"))
    _bools(p, ("trans_a", "trans_b"))
    _sizes(p["batch"] * p["m"] * p["k"], p["batch"] * p["k"] * p["n"], p["batch"] * p["m"] * p["n"])


def check_conv2d(p):
    """Dimensions, a known layout, groups dividing c and k, a kernel that fits the padded input."""
    _ints(p, ("n", "c", "h", "w", "k", "r", "s", "stride", "dilation", "groups"))
    _ints(p, ("pad",), 0)
    if p["layout"] not in ("nchw", "nhwc"):
        raise RunnerError("unsupported", "layout %r" % (p["layout"],))
    if p["c"] % p["groups"] or p["k"] % p["groups"]:
        raise RunnerError("invalid", "groups must divide c and k")
    out = conv_out_size(p)
    if min(out) < 1:
        raise RunnerError("invalid", "the dilated kernel does not fit the padded input")
    _sizes(p["n"] * p["c"] * p["h"] * p["w"], p["k"] * p["c"] // p["groups"] * p["r"] * p["s"],
           p["n"] * p["k"] * out[0] * out[1])


def check_mlp(p):
    """model mlp, at least two integer widths and an integer batch (train and infer)."""
    if p["model"] != "mlp":
        raise RunnerError("unsupported", "model %r (this runner has mlp)" % (p["model"],))
    layers = p["layers"]
    if not isinstance(layers, list) or len(layers) < 2:
        raise RunnerError("invalid", "layers must list at least 2 widths")
    _ints(dict(enumerate(layers)), range(len(layers)))
    _ints(p, ("batch",))
    _sizes(*[p["batch"] * w for w in layers], *[a * b for a, b in zip(layers, layers[1:])])


def check_train(p):
    """The MLP of check_mlp and a finite learning rate."""
    check_mlp(p)
    lr = p["lr"]
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr):
        raise RunnerError("invalid", "lr must be a finite number")


def check_attention(p):
    """Integer dimensions (kv_seq 0 = seq), head_dim ≤ 512, causal only with equal lengths."""
    _ints(p, ("batch", "heads", "seq", "head_dim"))
    _ints(p, ("kv_seq",), 0)
    _bools(p, ("causal",))
    if p["head_dim"] > 512:
        raise RunnerError("invalid", "head_dim must be at most 512")
    if p["causal"] and kv_len(p) != p["seq"]:
        raise RunnerError("invalid", "causal attention needs kv_seq equal to seq")
    bh = p["batch"] * p["heads"] * p["head_dim"]
    _sizes(bh * p["seq"], bh * kv_len(p))


def check_bandwidth(p):
    """op copy or triad, an integer size in MiB up to 2^20."""
    if p["op"] not in ("copy", "triad"):
        raise RunnerError("invalid", "op must be copy or triad, got %r" % (p["op"],))
    _ints(p, ("mib",))
    if p["mib"] > 1 << 20:
        raise RunnerError("invalid", "mib must be at most 2^20")
    _sizes(p["mib"] * (1 << 19))


def prepare_matmul(fw, p, dtype, seed):
    """A (stream 1) and B (stream 2) as stored, the framework's op, and its check."""
    b, m, n, k = p["batch"], p["m"], p["n"], p["k"]
    a_host = generate(seed, 1, (b, k, m) if p["trans_a"] else (b, m, k), dtype)
    b_host = generate(seed, 2, (b, n, k) if p["trans_b"] else (b, k, n), dtype)
    case = fw.matmul(p, dtype, a_host, b_host)
    return case, lambda samples: verify_matmul(case.result(), p, seed, samples, a_host, b_host)


def prepare_conv2d(fw, p, dtype, seed):
    """X (stream 1, logical NCHW) and W (stream 2, KCRS) as stored, the framework's op, and its check."""
    x_host = generate(seed, 1, (p["n"], p["c"], p["h"], p["w"]), dtype)
    w_host = generate(seed, 2, (p["k"], p["c"] // p["groups"], p["r"], p["s"]), dtype)
    case = fw.conv2d(p, dtype, x_host, w_host)
    return case, lambda samples: verify_conv2d(case.result(), p, seed, samples, x_host, w_host)


def prepare_train(fw, p, dtype, seed):
    """x (stream 1), labels (stream 2), Glorot-scaled W_l (stream 10 + l); the step and its staged check."""
    layers = p["layers"]
    x = generate(seed, 1, (p["batch"], layers[0]), dtype)
    y = labels(seed, p["batch"], layers[-1])
    ws = [generate(seed, 10 + l, (layers[l - 1], layers[l]), dtype, math.sqrt(6.0 / (layers[l - 1] + layers[l])))
          for l in range(1, len(layers))]
    case = fw.train(p, dtype, x, y, ws)
    init = {"x": x, "labels": y, "w": ws}
    return case, lambda samples: verify_train(case.result(), p, seed, samples, init)


def _no_tf32(workload, dtype):
    if dtype == "tf32":
        raise RunnerError("unsupported", "%s has no tf32 variant (f32, f16, bf16)" % workload)


def prepare_attention(fw, p, dtype, seed):
    """Q, K, V (streams 1, 2, 3) as [batch][heads][len][d], the framework's op, and its row check."""
    _no_tf32("attention", dtype)
    b, h, d = p["batch"], p["heads"], p["head_dim"]
    q = generate(seed, 1, (b, h, p["seq"], d), dtype)
    k = generate(seed, 2, (b, h, kv_len(p), d), dtype)
    v = generate(seed, 3, (b, h, kv_len(p), d), dtype)
    case = fw.attention(p, dtype, q, k, v)
    return case, lambda samples: verify_attention(case.result(), p, seed, samples, q, k, v)


def prepare_bandwidth(fw, p, dtype, seed):
    """The read array (stream 1) and triad's c (stream 2), the framework's copy or triad, and the check."""
    _no_tf32("bandwidth", dtype)
    n = bandwidth_elements(p, dtype)
    src = generate(seed, 1, (n,), dtype)
    c = generate(seed, 2, (n,), dtype) if p["op"] == "triad" else None
    case = fw.bandwidth(p, dtype, src, c)
    return case, lambda samples: verify_bandwidth(case.result(), p, src, c)


def prepare_infer(fw, p, dtype, seed):
    """x (stream 1) and Glorot-scaled W_l (stream 10 + l), zero biases; the forward pass and its check."""
    layers = p["layers"]
    x = generate(seed, 1, (p["batch"], layers[0]), dtype)
    ws = [generate(seed, 10 + l, (layers[l - 1], layers[l]), dtype, math.sqrt(6.0 / (layers[l - 1] + layers[l])))
          for l in range(1, len(layers))]
    case = fw.infer(p, dtype, x, ws)
    return case, lambda samples: verify_infer(case.result(), p, seed, samples, x, ws)


Workload = namedtuple("Workload", "params check tiny prepare")

WORKLOADS = {
    "matmul": Workload(("m", "n", "k", "batch", "trans_a", "trans_b"), check_matmul,
                       {"m": 4, "n": 4, "k": 4, "batch": 1, "trans_a": False, "trans_b": False}, prepare_matmul),
    "conv2d": Workload(("n", "c", "h", "w", "k", "r", "s", "stride", "pad", "dilation", "groups", "layout"),
                       check_conv2d, {"n": 1, "c": 2, "h": 5, "w": 5, "k": 2, "r": 3, "s": 3, "stride": 1,
                                      "pad": 1, "dilation": 1, "groups": 1, "layout": "nhwc"}, prepare_conv2d),
    "train": Workload(("model", "layers", "batch", "lr"), check_train,
                      {"model": "mlp", "layers": [4, 4, 3], "batch": 2, "lr": 0.01}, prepare_train),
    "attention": Workload(("batch", "heads", "seq", "kv_seq", "head_dim", "causal"), check_attention,
                          {"batch": 1, "heads": 2, "seq": 5, "kv_seq": 0, "head_dim": 8, "causal": True},
                          prepare_attention),
    "bandwidth": Workload(("op", "mib"), check_bandwidth, {"op": "triad", "mib": 1}, prepare_bandwidth),
    "infer": Workload(("model", "layers", "batch"), check_mlp, {"model": "mlp", "layers": [4, 4, 3], "batch": 2},
                      prepare_infer),
}


def parse_case(raw):
    """(workload, dtype, params, seed) of a run request's case; RunnerError if it cannot be run."""
    if not isinstance(raw, dict):
        raise RunnerError("invalid", 'run request without a "case" object')
    workload, dtype, params = raw.get("workload"), raw.get("dtype"), raw.get("params")
    if not isinstance(workload, str) or workload not in WORKLOADS:
        raise RunnerError("unsupported", "unknown workload %r" % (workload,))
    if not isinstance(dtype, str) or dtype not in DTYPES:
        raise RunnerError("unsupported", "unknown dtype %r" % (dtype,))
    spec = WORKLOADS[workload]
    if not isinstance(params, dict) or any(k not in params for k in spec.params):
        raise RunnerError("invalid", "params must carry %s" % ", ".join(spec.params))
    seed = raw.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 2 ** 53:
        raise RunnerError("invalid", "seed must be an integer in [0, 2^53]")
    spec.check(params)
    return workload, dtype, params, seed
