"""The timing loop of protocol.md §3: budget, warm-up, calibration, sampling and the stopping rule.

`measure(budget, batch)` drives a `batch(iters)` function that runs `iters` iterations plus one
synchronisation and returns (wall_ns, device_ns or None); `timed_batch` builds that function from
a step, a synchronisation and an optional device timer. Only the stopping rule is a statistic here;
mpsbench computes every reported statistic from the raw samples.
"""
import bisect
import gc
import math
import time

from .errors import RunnerError

BUDGET_DEFAULTS = {"warmup_s": 0.1, "warmup_min_iters": 2, "target_sample_s": 0.02, "min_samples": 10,
                   "max_samples": 2000, "min_time_s": 0.25, "max_time_s": 3.0, "rel_ci": 0.01}


def parse_budget(raw):
    """The request's budget with absent fields defaulted (protocol.md §5); RunnerError if malformed."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RunnerError("invalid", "budget must be an object")
    out = {}
    for name, default in BUDGET_DEFAULTS.items():
        v = raw.get(name, default)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise RunnerError("invalid", "budget.%s must be a finite number >= 0" % name)
        out[name] = v
    return out


TIMING_MODELS = ("streamed", "isolated")


def parse_timing(raw):
    """The request's timing model (protocol.md §3): "streamed" when absent; RunnerError if unknown.

    streamed: iters_per_sample back-to-back iterations, one synchronisation per sample (throughput).
    isolated: one iteration per sample, synchronised before and after (latency as a caller sees it).
    """
    if raw is None:
        return "streamed"
    if raw not in TIMING_MODELS:
        raise RunnerError("invalid", "timing must be \"streamed\" or \"isolated\", got %r" % (raw,))
    return raw


def median(sorted_samples):
    """The median of sorted samples (mean of the middle two for an even count)."""
    n = len(sorted_samples)
    return sorted_samples[n // 2] if n % 2 else (sorted_samples[n // 2] + sorted_samples[n // 2 - 1]) / 2


def median_ci_within(sorted_samples, rel_ci):
    """Whether the 95% CI of the median (order statistics) is strictly narrower than rel_ci × median."""
    n = len(sorted_samples)
    half, spread = n / 2, 0.98 * math.sqrt(n)
    lo = min(max(math.floor(half - spread), 0), n - 1)
    hi = min(max(math.ceil(half + spread), 0), n - 1)
    return sorted_samples[hi] - sorted_samples[lo] < rel_ci * median(sorted_samples)


def should_stop(b, sorted_samples, elapsed_s):
    """The stopping rule: min_samples is a floor; max_samples/max_time_s end early; else min_time_s and the CI."""
    n = len(sorted_samples)
    if n < b["min_samples"]:
        return False
    if n >= b["max_samples"] or elapsed_s >= b["max_time_s"]:
        return True
    return elapsed_s >= b["min_time_s"] and median_ci_within(sorted_samples, b["rel_ci"])


def calibrate(b, fastest_ns):
    """iters_per_sample = max(1, ceil(target_sample_s / fastest warm-up iteration)), bounded."""
    return int(min(max(math.ceil(b["target_sample_s"] * 1e9 / max(fastest_ns, 1.0)), 1), 1e9))


def measure(b, batch, clock=time.perf_counter_ns, timing="streamed"):
    """Warm-up, calibration and sampling; returns the timing fields of a run reply.

    Isolated timing skips calibration: every sample is batch(1), one synchronised iteration.
    """
    fastest, iters, first, device_timer = math.inf, 0, 0, False
    start = clock()
    while True:
        wall, dev = batch(1)
        if iters == 0:
            first, device_timer = wall, dev is not None
        fastest = min(fastest, dev if device_timer else wall)
        iters += 1
        if iters >= b["warmup_min_iters"] and clock() - start >= b["warmup_s"] * 1e9:
            break
    warm_total = clock() - start
    ips = 1 if timing == "isolated" else calibrate(b, fastest)
    samples, walls, ordered = [], [], []
    start = clock()
    while True:
        wall, dev = batch(ips)
        t = max(dev if device_timer else wall, 1.0)
        samples.append(t)
        walls.append(wall)
        bisect.insort(ordered, t)
        if should_stop(b, ordered, (clock() - start) * 1e-9):
            break
    reply = {"timer": "gpu" if device_timer else "wall", "timing": timing, "iters_per_sample": ips, "samples_ns": samples,
             "warmup": {"iters": iters, "first_ns": first, "total_ns": warm_total}}
    if device_timer:
        reply["wall_samples_ns"] = walls
    return reply


def timed_batch(step, sync, timer=None):
    """batch(iters): sync, then `iters` steps and one sync, timed by the wall clock (and `timer`).

    `timer`, when given, has start() and stop() (each records a device event) and elapsed() → device
    ns, read once the device has reached the stop event. The wall clock brackets only the steps and
    the synchronisation, the same interval a caller's own `step(); sync()` timing sees: the start
    event is recorded before it starts and the elapsed time is read after it stops, so the timer's
    host cost outside one event record does not enter `wall_samples_ns` (it decides isolated
    samples, one iteration each). The garbage collector is off inside a sample, as timeit and
    torch.utils.benchmark do: a launch-bound step allocates enough Python objects to trigger
    collections.
    """
    def run(iters):
        sync()
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            if timer is not None:
                timer.start()
            t0 = time.perf_counter_ns()
            for _ in range(iters):
                step()
            if timer is not None:
                timer.stop()
            sync()
            wall = time.perf_counter_ns() - t0
        finally:
            if gc_was_enabled:
                gc.enable()
        return wall, (timer.elapsed() if timer is not None else None)

    return run
