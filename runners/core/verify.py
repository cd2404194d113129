"""float64 verification (protocol.md §4), vectorised over the checked elements with numpy.

Inputs are the stored values from `generator.generate` (exactly what the framework multiplied).
A matmul or conv2d output reaches this module as an *output*: an object with `take(idx)` (the
elements at flat indices of the logical row-major order, as float64) and `nonfinite()` (how many
elements of the whole output are NaN or infinite), so a framework may keep a large output on its
device and send back only the checked elements. `HostOutput` is that object for a host array.
The train check takes the first step's trace as host arrays.
"""
import math

import numpy as np

from .generator import bits_array


class ErrorStats:
    """max |y − ref| / max(norm, 1e-30) over checked elements; non-finite outputs counted apart."""

    def __init__(self):
        self.max_rel_err = 0.0
        self.checked = 0
        self.nonfinite = 0

    def add(self, y, ref, norm):
        """Adds checked elements `y` against float64 `ref`, normalised by `norm`."""
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        self.checked += y.size
        finite = np.isfinite(y)
        if finite.any():
            err = np.abs(y - np.reshape(ref, -1)) / np.maximum(np.reshape(norm, -1), 1e-30)
            self.max_rel_err = max(self.max_rel_err, float(err[finite].max()))

    def scan(self, array):
        """Counts the non-finite elements of a whole host array."""
        self.nonfinite += count_nonfinite(array)

    def to_json(self):
        """The reply's `verify` object."""
        return {"max_rel_err": None if self.nonfinite else self.max_rel_err,
                "checked": self.checked, "nonfinite": self.nonfinite}


def count_nonfinite(array):
    """How many elements of a host array are NaN or infinite (float arrays in their own dtype)."""
    a = np.asarray(array)
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    return int(np.count_nonzero(~np.isfinite(a)))


class HostOutput:
    """An output already on the host, in logical row-major order."""

    def __init__(self, array):
        self.flat = np.asarray(array).reshape(-1)

    def take(self, idx):
        """The elements at flat indices `idx`, as float64."""
        return self.flat[idx].astype(np.float64)

    def nonfinite(self):
        """Non-finite elements of the whole output."""
        return count_nonfinite(self.flat)


def checked_indices(seed, samples, count):
    """0, count−1, then bits(seed, 99, j) mod count for j < samples (duplicates kept), as int64."""
    picks = (bits_array(seed, 99, 0, samples) % np.uint64(count)).astype(np.int64)
    return np.concatenate([np.array([0, count - 1], dtype=np.int64), picks])


def dot_check(stats, y, a, b, extra=None):
    """Adds elements y[s] = Σ_i a[s, i]·b[s, i] (+ extra[s]) with the Σ|a·b| (+|extra|) normaliser."""
    prod = np.asarray(a, dtype=np.float64) * np.asarray(b, dtype=np.float64)
    ref, norm = prod.sum(1), np.abs(prod).sum(1)
    if extra is not None:
        ref, norm = ref + extra, norm + np.abs(extra)
    stats.add(y, ref, norm)


def verify_matmul(out, p, seed, samples, a, b):
    """C = op(A)·op(B) at the checked elements; `a`, `b` as generated (stored layout)."""
    stats = ErrorStats()
    stats.nonfinite += out.nonfinite()
    idx = checked_indices(seed, samples, p["batch"] * p["m"] * p["n"])
    mn = p["m"] * p["n"]
    bi, i, j = idx // mn, (idx % mn) // p["n"], idx % p["n"]
    rows = a[bi, :, i] if p["trans_a"] else a[bi, i, :]
    cols = b[bi, j, :] if p["trans_b"] else b[bi, :, j]
    dot_check(stats, out.take(idx), rows, cols)
    return stats


def conv_out_size(p):
    """(P, Q): the output height and width of a conv2d case."""
    return tuple((size + 2 * p["pad"] - p["dilation"] * (kern - 1) - 1) // p["stride"] + 1
                 for size, kern in ((p["h"], p["r"]), (p["w"], p["s"])))


def verify_conv2d(out, p, seed, samples, x, w):
    """Y[n][k][p][q] (logical NCHW) at the checked elements; `x` NCHW and `w` KCRS as generated."""
    stats = ErrorStats()
    stats.nonfinite += out.nonfinite()
    pp, qq = conv_out_size(p)
    k_all = p["k"]
    idx = checked_indices(seed, samples, p["n"] * k_all * pp * qq)
    q, pr = idx % qq, (idx // qq) % pp
    k, n = (idx // (qq * pp)) % k_all, idx // (qq * pp * k_all)
    cg, kg = p["c"] // p["groups"], p["k"] // p["groups"]
    pad, st, dil = p["pad"], p["stride"], p["dilation"]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    c = np.arange(cg).reshape(1, -1, 1, 1)
    r = np.arange(p["r"]).reshape(1, 1, -1, 1)
    s = np.arange(p["s"]).reshape(1, 1, 1, -1)
    ch = (k // kg).reshape(-1, 1, 1, 1) * cg + c
    patch = xp[n.reshape(-1, 1, 1, 1), ch, pr.reshape(-1, 1, 1, 1) * st + r * dil, q.reshape(-1, 1, 1, 1) * st + s * dil]
    dot_check(stats, out.take(idx), patch.reshape(len(idx), -1), w[k].reshape(len(idx), -1))
    return stats


def verify_train(trace, p, seed, samples, init):
    """The staged check of protocol.md §4 from the first step's `trace` and the initial inputs.

    `trace` holds host arrays: z (every layer's pre-activation), h (hidden activations), dz (the
    loss gradient w.r.t. each z), loss (a float), w and b (the parameters after the update).
    `init` holds x, labels and w (the initial weights), as generated.
    """
    stats = ErrorStats()
    for group in ("z", "h", "dz", "w", "b"):
        for t in trace[group]:
            stats.scan(t)
    stats.nonfinite += 0 if math.isfinite(trace["loss"]) else 1
    f64 = lambda ts: [np.asarray(t, dtype=np.float64) for t in ts]
    z, dz, w0 = f64(trace["z"]), f64(trace["dz"]), f64(init["w"])
    h = f64([init["x"]] + list(trace["h"]))
    pick = lambda count: checked_indices(seed, samples, count)
    _check_forward(stats, z, h, w0, pick)
    _check_loss(stats, z[-1], init["labels"], trace["loss"], dz[-1], p["batch"])
    _check_hidden_gradients(stats, z, dz, w0, pick)
    for l in range(len(z)):
        _check_update(stats, f64([trace["w"][l], trace["b"][l]]), h[l], dz[l], w0[l], p["lr"], pick)
    return stats


def _check_forward(stats, z, h, w0, pick):
    for l in range(len(z)):
        idx = pick(z[l].size)
        out = z[l].shape[1]
        bsel, jsel = idx // out, idx % out
        zero_bias = np.zeros(len(idx))  # b_l starts at zero
        zs = z[l].reshape(-1)[idx]
        dot_check(stats, zs, h[l][bsel], w0[l][:, jsel].T, zero_bias)
        if l < len(z) - 1:
            stats.add(h[l + 1].reshape(-1)[idx], np.maximum(zs, 0), np.abs(zs))


def _check_loss(stats, logits, labels, loss, dz_out, batch):
    logp = logits - logits.max(1, keepdims=True)
    logp = logp - np.log(np.exp(logp).sum(1, keepdims=True))
    ref_loss = float(-logp[np.arange(batch), labels].mean())
    onehot = np.zeros_like(logits)
    onehot[np.arange(batch), labels] = 1.0
    stats.add(dz_out, (np.exp(logp) - onehot) / batch, np.full(logits.shape, 1.0 / batch))
    stats.add([loss], [ref_loss], [max(abs(ref_loss), 1.0)])


def _check_hidden_gradients(stats, z, dz, w0, pick):
    for l in range(len(z) - 1):
        idx = pick(dz[l].size)
        width = dz[l].shape[1]
        bsel, isel = idx // width, idx % width
        prod = dz[l + 1][bsel] * w0[l + 1][isel]
        ref = np.where(z[l].reshape(-1)[idx] > 0, prod.sum(1), 0.0)
        stats.add(dz[l].reshape(-1)[idx], ref, np.abs(prod).sum(1))


def _check_update(stats, after, h, dz, w0, lr, pick):
    w1, b1 = after
    idx = pick(w0.size)
    out = w0.shape[1]
    isel, jsel = idx // out, idx % out
    prod = h[:, isel] * dz[:, jsel]
    wref = w0.reshape(-1)[idx]
    stats.add(w1.reshape(-1)[idx], wref - lr * prod.sum(0), np.abs(wref) + abs(lr) * np.abs(prod).sum(0))
    jb = pick(out)
    col = dz[:, jb]
    stats.add(b1[jb], -lr * col.sum(0), abs(lr) * np.abs(col).sum(0))
