"""mpsbench's Python runner core: everything a framework runner shares, with no framework import.

A framework runner (runners/torch, runners/jax, runners/mlx, runners/tf) is a small module that
supplies device setup, synchronisation, the three workloads' ops and its environment facts
(the contract is in `framework.py`); this package does the rest of docs/protocol.md:

- `channel`    the reply channel (a private duplicate of stdout; fd 1 points at stderr)
- `generator`  the deterministic inputs of protocol.md §4 (scalar and vectorised with numpy)
- `verify`     float64 verification of matmul, conv2d and the staged train check
- `timing`     the budget and the warm-up / calibration / sampling loop of protocol.md §3
- `workloads`  one table: each workload's parameters, checks, start-up trial case and driver
- `protocol`   hello / run / bye request handling and failure replies
- `hostinfo`   CPU name, host memory, MPSBENCH_THREADS
- `cli`        the command line every runner shares (`--device`, `--vectors`)

Dependencies: the standard library and numpy (every framework here installs or interoperates with
it; the vectorised generator and the float64 references need an array library).
"""
