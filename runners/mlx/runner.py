#!/usr/bin/env python3
"""mpsbench MLX runner: runner protocol v1 (docs/protocol.md) on MLX's gpu (Metal) or cpu device.

Usage: runner.py --device gpu|cpu   speak the protocol on stdin/stdout
       runner.py --vectors          print generator test vectors (JSON) and exit

The protocol, generator, timing and verification are runners/core; mlx_backend.py holds the
MLX ops and is imported once stdout is redirected.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from core.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], "mlx", ("gpu", "cpu"), "mlx_backend"))
