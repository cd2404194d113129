#!/usr/bin/env python3
"""mpsbench TensorFlow runner: runner protocol v1 (docs/protocol.md) on TensorFlow's CPU or GPU
(CUDA on Linux, the Metal plugin on macOS).

Usage: runner.py --device cpu|gpu   speak the protocol on stdin/stdout
       runner.py --vectors          print generator test vectors (JSON) and exit

The protocol, generator, timing and verification are runners/core; tf_backend.py holds the
TensorFlow ops and is imported once stdout is redirected.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from core.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], "tf", ("cpu", "gpu"), "tf_backend"))
