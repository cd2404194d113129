"""Attention for the torch runner: F.scaled_dot_product_attention where torch has it (2.0+), with
the kernel torch picks recorded (flash, efficient, cudnn, math), else matmul + softmax. The
environment variable MPSBENCH_TORCH_SDPA=flash|efficient|cudnn|math restricts SDPA to one
kernel, so a GPU host can time torch's flash kernel by name."""
import math
import os

import torch
import torch.nn.functional as F

#: torch's SDPBackend values (torch/nn/attention/__init__.py), for torch._fused_sdp_choice.
_KERNELS = {0: "math", 1: "flash", 2: "efficient", 3: "cudnn", 4: "overrideable"}
_FORCE = {"flash": "FLASH_ATTENTION", "efficient": "EFFICIENT_ATTENTION", "cudnn": "CUDNN_ATTENTION",
          "math": "MATH"}


def _chosen(q, k, v, causal):
    """The kernel name torch's dispatcher picks for these tensors, or "unknown"."""
    choice = getattr(torch, "_fused_sdp_choice", None)
    if choice is None:
        return "unknown"
    try:
        return _KERNELS.get(int(choice(q, k, v, None, 0.0, causal)), "unknown")
    except Exception:  # noqa: BLE001 - private API: any failure means we cannot tell
        return "unknown"


def _forced(name):
    """A context manager limiting SDPA to the kernel `name` (MPSBENCH_TORCH_SDPA)."""
    if name not in _FORCE:
        raise ValueError("MPSBENCH_TORCH_SDPA must be one of %s, got %r" % (", ".join(_FORCE), name))
    from torch.nn.attention import SDPBackend, sdpa_kernel
    return lambda: sdpa_kernel([getattr(SDPBackend, _FORCE[name])])


def _fallback(q, k, v, causal):
    """softmax(Q·Kᵀ/√d)·V by torch.matmul and torch.softmax (torch without SDPA)."""
    scale = 1.0 / math.sqrt(q.shape[-1])
    mask = None
    if causal:
        n = q.shape[-2]
        mask = torch.ones(n, n, dtype=torch.bool, device=q.device).triu_(1)

    def attend():
        s = torch.matmul(q, k.transpose(-2, -1)) * scale
        if mask is not None:
            s = s.masked_fill(mask, float("-inf"))
        return torch.matmul(torch.softmax(s, dim=-1), v)

    return attend


def sdpa(q, k, v, causal):
    """(attend, kernel): attend() runs one forward pass; kernel names what runs it."""
    if not hasattr(F, "scaled_dot_product_attention"):
        return _fallback(q, k, v, causal), "matmul+softmax (torch %s has no scaled_dot_product_attention)" % torch.__version__
    force = os.environ.get("MPSBENCH_TORCH_SDPA", "")
    if force:
        ctx = _forced(force)

        def attend_forced():
            with ctx():
                return F.scaled_dot_product_attention(q, k, v, is_causal=causal)

        return attend_forced, "sdpa:" + force + " (forced)"
    return (lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal)), "sdpa:" + _chosen(q, k, v, causal)
