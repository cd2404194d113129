"""Host facts every runner reports (CPU name, memory) and the MPSBENCH_THREADS setting."""
import os
import platform
import subprocess
import sys
from importlib import metadata


def host_memory():
    """Physical memory in bytes (0 when the platform does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def cpu_name():
    """The CPU's marketing name: sysctl on macOS, /proc/cpuinfo on Linux."""
    if sys.platform == "darwin":
        try:
            return subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True,
                                  text=True, timeout=5).stdout.strip() or platform.processor()
        except (OSError, subprocess.SubprocessError):
            return platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def cpu_facts(threads):
    """hello.device for a CPU computing with `threads` threads."""
    return {"name": cpu_name(), "kind": "cpu", "memory_bytes": host_memory(), "cores": os.cpu_count() or 1,
            "threads": threads}


def platform_libraries():
    """The python version, and the macOS version on a Mac."""
    libs = {"python": platform.python_version()}
    if sys.platform == "darwin":
        libs["macos"] = platform.mac_ver()[0]
    return libs


def package_versions(names):
    """{name: installed version} for the distributions in `names` that are installed."""
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def threads_from_env(environ=os.environ):
    """MPSBENCH_THREADS as a positive int, None when unset; ValueError when malformed."""
    raw = environ.get("MPSBENCH_THREADS", "").strip()
    if not raw:
        return None
    if not (raw.isdigit() and int(raw) > 0):
        raise ValueError("MPSBENCH_THREADS must be a positive integer, got %r" % raw)
    return int(raw)
