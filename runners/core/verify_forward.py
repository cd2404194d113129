"""float64 verification of the forward-only workloads (protocol.md §4): attention rows, every
element of a bandwidth array, and infer logits. Outputs arrive as objects with take/nonfinite,
as in verify.py."""
import numpy as np

from .verify import ErrorStats, checked_indices

#: The triad's scalar s in a = b + s·c (exact in every dtype).
TRIAD_SCALAR = 3.0

#: Elements read back per step when a whole output is checked.
CHUNK = 1 << 22


def kv_len(p):
    """The key/value length: kv_seq, or seq when kv_seq is 0."""
    return p["kv_seq"] or p["seq"]


def verify_attention(out, p, seed, samples, q, k, v):
    """Whole rows of O [batch][heads][seq][d] (rows picked over batch·heads·seq) against float64
    softmax(q·Kᵀ/√d)·V, each element normalised by Σ_j p_j·|v_j|."""
    stats = ErrorStats()
    stats.nonfinite += out.nonfinite()
    d, seq = p["head_dim"], p["seq"]
    rows = checked_indices(seed, samples, p["batch"] * p["heads"] * seq)
    got = out.take((rows[:, None] * d + np.arange(d)[None, :]).reshape(-1)).reshape(len(rows), d)
    kf, vf = k.reshape(-1, kv_len(p), d), v.reshape(-1, kv_len(p), d)
    qf = q.reshape(-1, d)
    for r, row in enumerate(rows):
        bh, i = divmod(int(row), seq)
        keys = i + 1 if p["causal"] else kv_len(p)
        kk, vv = kf[bh, :keys].astype(np.float64), vf[bh, :keys].astype(np.float64)
        s = kk @ qf[row].astype(np.float64) / np.sqrt(d)
        w = np.exp(s - s.max())
        w /= w.sum()
        stats.add(got[r], w @ vv, w @ np.abs(vv))
    return stats


def bandwidth_elements(p, dtype):
    """Elements of each bandwidth array: mib·2^20 / dtype bytes."""
    return p["mib"] * (1 << 20) // (2 if dtype in ("f16", "bf16") else 4)


def verify_bandwidth(out, p, src, c):
    """Every element of the written array: copy b = a exactly, triad a = b + 3·c (|b| + 3·|c|)."""
    stats = ErrorStats()
    stats.nonfinite += out.nonfinite()
    n = src.size
    for start in range(0, n, CHUNK):
        idx = np.arange(start, min(start + CHUNK, n), dtype=np.int64)
        b = src[idx].astype(np.float64)
        if c is None:
            stats.add(out.take(idx), b, np.abs(b))
        else:
            cc = c[idx].astype(np.float64)
            stats.add(out.take(idx), b + TRIAD_SCALAR * cc, np.abs(b) + TRIAD_SCALAR * np.abs(cc))
    return stats


def verify_infer(out, p, seed, samples, x, ws):
    """Sampled logits z_n [batch][L_n] against a float64 forward pass of their rows (zero biases),
    normalised by Σ|h_(n−1)·W_n|."""
    stats = ErrorStats()
    stats.nonfinite += out.nonfinite()
    classes = p["layers"][-1]
    idx = checked_indices(seed, samples, p["batch"] * classes)
    rows, where = np.unique(idx // classes, return_inverse=True)
    h = x[rows].astype(np.float64)
    for l, w in enumerate(ws):
        w64 = w.astype(np.float64)
        z, norm = h @ w64, np.abs(h) @ np.abs(w64)
        h = np.maximum(z, 0) if l < len(ws) - 1 else z
    stats.add(out.take(idx), z[where, idx % classes], norm[where, idx % classes])
    return stats
