"""A numpy framework backend for the core's tests: a real implementation of every workload in
float32 (bf16 by rounding each result once), so the protocol, the drivers and the verification run
end to end with no ML framework installed. f16 is refused in the op, to exercise the start-up trial."""
import numpy as np

from core.framework import Case, Framework, returning_case
from core.generator import round_to
from core.hostinfo import cpu_facts
from core.verify import conv_out_size


def device_problem(device):
    return None if device == "cpu" else "numpy has only the cpu"


def _store(y, dtype):
    return round_to(np.asarray(y, dtype=np.float64), dtype)


def conv2d_nchw(x, w, p):
    """Direct cross-correlation, NCHW × KCRS → NKPQ, float32."""
    pp, qq = conv_out_size(p)
    st, dil, pad, groups = p["stride"], p["dilation"], p["pad"], p["groups"]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cg, kg = p["c"] // groups, p["k"] // groups
    y = np.zeros((p["n"], p["k"], pp, qq), dtype=np.float32)
    for g in range(groups):
        for r in range(p["r"]):
            for s in range(p["s"]):
                win = xp[:, g * cg:(g + 1) * cg, r * dil:r * dil + st * (pp - 1) + 1:st, s * dil:s * dil + st * (qq - 1) + 1:st]
                y[:, g * kg:(g + 1) * kg] += np.einsum("ncpq,kc->nkpq", win, w[g * kg:(g + 1) * kg, :, r, s])
    return y


class Backend(Framework):
    name = "numpy"

    def _refuse(self, dtype):
        if dtype == "f16":
            raise NotImplementedError("f16 is not supported by the numpy test backend")

    def _case(self, run, nbytes):
        return returning_case(run, lambda y: None, np.asarray, nbytes)

    def matmul(self, p, dtype, a, b):
        self._refuse(dtype)
        a_op = np.swapaxes(a, 1, 2) if p["trans_a"] else a
        b_op = np.swapaxes(b, 1, 2) if p["trans_b"] else b
        return self._case(lambda: _store(np.matmul(a_op, b_op), dtype), a.nbytes + b.nbytes)

    def conv2d(self, p, dtype, x, w):
        self._refuse(dtype)
        return self._case(lambda: _store(conv2d_nchw(x, w, p), dtype), x.nbytes + w.nbytes)

    def train(self, p, dtype, x, labels, ws):
        self._refuse(dtype)
        params = {"w": [w.copy() for w in ws], "b": [np.zeros(w.shape[1], dtype=np.float32) for w in ws]}
        batch = x.shape[0]

        def forward_backward():
            hs, zs = [x], []
            for l, (w, b) in enumerate(zip(params["w"], params["b"])):
                zs.append(_store(hs[-1] @ w + b, dtype))
                if l < len(ws) - 1:
                    hs.append(np.maximum(zs[-1], 0))
            logits = zs[-1].astype(np.float64)
            logp = logits - logits.max(1, keepdims=True)
            logp -= np.log(np.exp(logp).sum(1, keepdims=True))
            loss = float(-logp[np.arange(batch), labels].mean())
            dz = np.exp(logp)
            dz[np.arange(batch), labels] -= 1
            dzs = [_store(dz / batch, dtype)]
            for l in range(len(ws) - 1, 0, -1):
                dzs.insert(0, _store((dzs[0] @ params["w"][l].T) * (zs[l - 1] > 0), dtype))
            return zs, hs, dzs, loss

        def update(hs, dzs):
            for l in range(len(ws)):
                params["w"][l] = _store(params["w"][l] - p["lr"] * (hs[l].T @ dzs[l]), dtype)
                params["b"][l] = _store(params["b"][l] - p["lr"] * dzs[l].sum(0), dtype)

        def step():
            _, hs, dzs, _ = forward_backward()
            update(hs, dzs)

        def result():
            zs, hs, dzs, loss = forward_backward()
            update(hs, dzs)
            return {"z": zs, "h": hs[1:], "dz": dzs, "loss": loss, "w": params["w"], "b": params["b"]}

        return Case(step, lambda: None, result, x.nbytes + sum(w.nbytes for w in ws))

    def attention(self, p, dtype, q, k, v):
        self._refuse(dtype)

        def run():
            s = np.matmul(q, np.swapaxes(k, -1, -2)) / np.float32(np.sqrt(p["head_dim"]))
            if p["causal"]:
                s = np.where(np.triu(np.ones(s.shape[-2:], dtype=bool), 1), -np.inf, s)
            e = np.exp(s - s.max(-1, keepdims=True))
            return _store(np.matmul(e / e.sum(-1, keepdims=True), v), dtype)

        return self._case(run, q.nbytes + k.nbytes + v.nbytes)

    def bandwidth(self, p, dtype, src, c):
        self._refuse(dtype)
        dst = np.empty_like(src)

        def run():
            if c is None:
                np.copyto(dst, src)
                return dst
            return _store(src.astype(np.float64) + 3.0 * c, dtype)

        return self._case(run, 2 * src.nbytes)

    def infer(self, p, dtype, x, ws):
        self._refuse(dtype)

        def run():
            h = x
            for l, w in enumerate(ws):
                h = _store(h @ w, dtype)
                h = np.maximum(h, 0) if l < len(ws) - 1 else h
            return h

        return self._case(run, x.nbytes + sum(w.nbytes for w in ws))

    def device_facts(self):
        return cpu_facts(1)
