"""The command line every framework runner shares.

    runner.py --device DEVICE     speak the protocol on stdin/stdout
    runner.py --vectors           print the generator test vectors (JSON) and exit
    runner.py --probe             print what this python offers the runner (JSON) and exit

The framework module is imported only after stdout is redirected (so nothing it prints at import
reaches the reply channel), and an import failure or a missing device does not end the process:
the runner then answers every request `unsupported` with the reason, as protocol.md asks.
"""
import importlib
import json
import os
import platform
import sys

from .channel import Unavailable, open_reply_channel, serve, watch_parent
from .errors import first_line
from .hostinfo import threads_from_env


def device_arg(argv, devices):
    """The --device value (the first device when absent), or None when it is not one of `devices`."""
    if "--device" not in argv:
        return devices[0]
    i = argv.index("--device") + 1
    return argv[i] if i < len(argv) and argv[i] in devices else None


def make_handler(name, device, threads, module_name):
    """A Runner on the framework's Backend, or an Unavailable saying why there is none."""
    try:
        from .protocol import Runner  # numpy, through the generator and the verification
        module = importlib.import_module(module_name)
    except Exception as exc:  # noqa: BLE001 - any import failure is the reason the backend is unavailable
        return Unavailable("the %s runner cannot load here: %s: %s" % (name, type(exc).__name__, first_line(str(exc))))
    problem = module.device_problem(device)
    if problem:
        return Unavailable(problem)
    try:
        return Runner(module.Backend(device, threads))
    except Exception as exc:  # noqa: BLE001 - a device that fails to start is unavailable, with the reason
        return Unavailable("%s-%s failed to start: %s: %s" % (name, device, type(exc).__name__, first_line(str(exc))))


def probe(name, devices, module_name):
    """What mpsbench's backend list needs from this interpreter: the python, the framework's
    version, and for each device why it cannot be used (None when it can), from the runner's own
    device check. Never raises: a failed import is reported as `error`."""
    out = {"executable": sys.executable, "python": platform.python_version(), "framework": name}
    try:
        importlib.import_module("numpy")  # every runner needs it
        module = importlib.import_module(module_name)
        out["version"] = str(module.VERSION)
        out["devices"] = {d: module.device_problem(d) for d in devices}
    except Exception as exc:  # noqa: BLE001 - the reason is the answer
        out["error"] = "%s: %s" % (type(exc).__name__, first_line(str(exc)))
    return out


def main(argv, name, devices, module_name):
    """Runs a framework runner whose framework module (beside the entry script) is `module_name`.

    The entry script put runners/ on sys.path to import this package; it is taken off again, so
    that the runners/<framework> folders cannot pass for the frameworks as namespace packages.
    """
    runners = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != runners]
    if "--vectors" in argv:
        from .generator import print_vectors
        print_vectors()
        return 0
    if "--probe" in argv:
        print(json.dumps(probe(name, devices, module_name)))
        return 0
    device = device_arg(argv, devices)
    if device is None:
        print("usage: runner.py --device %s | --vectors | --probe" % "|".join(devices), file=sys.stderr)
        return 2
    try:
        threads = threads_from_env()
    except ValueError as exc:
        print("%s runner: %s" % (name, exc), file=sys.stderr)
        return 2
    channel = open_reply_channel()
    watch_parent()
    return serve(make_handler(name, device, threads, module_name), channel)
