"""The deterministic generator of protocol.md §4: Python ints for scalars, numpy uint64 (whose
arithmetic wraps modulo 2^64 and whose right shifts are logical) for tensors.

`generate` returns the *stored* values of a tensor: float64 values rounded once, to nearest-even,
to the case's dtype, held in a float32 array. Every value it holds is exact in that dtype, so a
framework converts it to its own f16/bf16 tensor without rounding again, and the float64
references are computed from exactly what the framework multiplies.
"""
import json
import math

import numpy as np

MASK = (1 << 64) - 1
MIX1, MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
STREAM_MUL, GOLDEN = 0xD1B54A32D192ED03, 0x9E3779B97F4A7C15
CHUNK = 1 << 22
DTYPES = ("f32", "tf32", "f16", "bf16")


def mix(z):
    """The splitmix64 finaliser on a Python int."""
    z ^= z >> 30
    z = (z * MIX1) & MASK
    z ^= z >> 27
    z = (z * MIX2) & MASK
    return z ^ (z >> 31)


def stream_key(seed, stream):
    """key(seed, stream) of protocol.md §4."""
    return mix((seed ^ (stream * STREAM_MUL)) & MASK)


def bits(seed, stream, i):
    """bits(seed, stream, i): 64 random bits of element i."""
    return mix((stream_key(seed, stream) + (i + 1) * GOLDEN) & MASK)


def value(seed, stream, i):
    """value(seed, stream, i): a multiple of 2^-23 in [-1, 1)."""
    return ((bits(seed, stream, i) >> 40) - (1 << 23)) / float(1 << 23)


def _mix_array(z):
    z = z ^ (z >> np.uint64(30))
    z = z * np.uint64(MIX1)
    z = z ^ (z >> np.uint64(27))
    z = z * np.uint64(MIX2)
    return z ^ (z >> np.uint64(31))


def bits_array(seed, stream, start, count):
    """bits(seed, stream, i) for i in [start, start + count), as a uint64 array."""
    i = np.arange(start + 1, start + count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return _mix_array(i * np.uint64(GOLDEN) + np.uint64(stream_key(seed, stream)))


def values(seed, stream, count):
    """value(seed, stream, i) for i < count, as float64, generated in chunks."""
    out = np.empty(count, dtype=np.float64)
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        top = (bits_array(seed, stream, start, n) >> np.uint64(40)).astype(np.int64) - (1 << 23)
        out[start:start + n] = top / float(1 << 23)
    return out


def _round_to_odd_f32(v64):
    """float64 → float32 with round-to-odd, so that one more rounding to f16/bf16 is exact."""
    f = v64.astype(np.float32)
    back = f.astype(np.float64)
    inexact = back != v64
    toward_zero = np.nextafter(f, np.float32(0))
    f = np.where(inexact & (np.abs(back) > np.abs(v64)), toward_zero, f)
    raw = f.view(np.int32)
    return np.where(inexact, raw | 1, raw).view(np.float32)


def round_to(v64, dtype):
    """float64 values rounded once, to nearest-even, to `dtype`; returned as float32."""
    if dtype in ("f32", "tf32"):
        return v64.astype(np.float32)
    odd = _round_to_odd_f32(v64)
    if dtype == "f16":
        return odd.astype(np.float16).astype(np.float32)
    if dtype == "bf16":
        u = odd.view(np.uint32)
        top = (u + np.uint32(0x7FFF) + ((u >> np.uint32(16)) & np.uint32(1))) >> np.uint32(16)
        return (top << np.uint32(16)).view(np.float32)
    raise ValueError("unknown dtype %r" % (dtype,))


def generate(seed, stream, shape, dtype, scale=1.0):
    """The stored values of one stream as a float32 array of `shape` (row-major index order)."""
    v = values(seed, stream, math.prod(shape))
    if scale != 1.0:
        v = v * scale
    return round_to(v, dtype).reshape(shape)


def labels(seed, batch, classes):
    """Train labels: bits(seed, 2, b) mod classes, as int64."""
    return (bits_array(seed, 2, 0, batch) % np.uint64(classes)).astype(np.int64)


def vectors():
    """Test vectors (seed 1) from both the scalar and the array path, as JSON-able rows."""
    rows = []
    for stream in (1, 2):
        for i in (0, 1, 1000):
            rows.append({"stream": stream, "i": i, "bits": "%016X" % bits(1, stream, i),
                         "bits_tensor": "%016X" % int(bits_array(1, stream, i, 1)[0]),
                         "value": value(1, stream, i), "value_tensor": float(values(1, stream, i + 1)[i])})
    return rows


def print_vectors():
    """Prints `vectors()` as one JSON line (`runner.py --vectors`)."""
    print(json.dumps(vectors()))
