"""Request handling (protocol.md §2 and §5): hello, run, bye, and a failure reply for everything
else, on top of one framework `Backend`. Every exception becomes a reply; the runner lives on."""
import sys

from .channel import error_reply, parse_request
from .errors import RunnerError, first_line
from .generator import DTYPES
from .timing import measure, parse_budget, parse_timing, timed_batch
from .workloads import WORKLOADS, parse_case

PROTOCOL = 1
RUNNER_VERSION = "0.2.0"
OOM_TEXT = ("out of memory", "can't allocate memory", "not enough memory", "RESOURCE_EXHAUSTED")
UNSUPPORTED_TEXT = ("not implemented for", "Unsupported", "not supported", "UNIMPLEMENTED")


def classify(exc, fw=None):
    """Maps an exception to (error kind, message)."""
    if isinstance(exc, RunnerError):
        return exc.kind, str(exc)
    text = str(exc)
    if isinstance(exc, MemoryError) or (fw is not None and fw.is_oom(exc)) or any(s in text for s in OOM_TEXT):
        return "oom", first_line(text) or "out of memory"
    if any(s in text for s in UNSUPPORTED_TEXT):
        return "unsupported", first_line(text)
    if isinstance(exc, (KeyError, TypeError, ValueError)):
        return "invalid", "%s: %s" % (type(exc).__name__, text)
    return "internal", "%s: %s" % (type(exc).__name__, first_line(text))


def verify_samples(req):
    """verify.samples of a run request (default 256), bounded."""
    verify = req.get("verify") or {}
    samples = verify.get("samples", 256) if isinstance(verify, dict) else 256
    if isinstance(samples, bool) or not isinstance(samples, int) or not 0 <= samples <= 10 ** 7:
        raise RunnerError("invalid", "verify.samples must be an integer in [0, 10^7]")
    return samples


class Runner:
    """The protocol state: one framework backend and its supported dtypes (tried once)."""

    def __init__(self, fw):
        self.fw = fw
        self.workloads = None

    def supported(self):
        """hello.workloads: each workload with the dtypes whose tiny trial case ran."""
        if self.workloads is None:
            self.workloads = {w: [d for d in DTYPES if self._works(w, d)] for w in WORKLOADS}
        return self.workloads

    def _works(self, workload, dtype):
        if not self.fw.allows(workload, dtype):
            return False
        try:
            self.fw.set_math(dtype)
            case, verify = WORKLOADS[workload].prepare(self.fw, WORKLOADS[workload].tiny, dtype, 1)
            case.step()
            verify(2)
            case.sync()
            return True
        except Exception as exc:  # noqa: BLE001 - a failing tiny case means: unsupported
            print("%s runner: %s %s unsupported here: %s" % (self.fw.name, workload, dtype, first_line(str(exc)) or exc),
                  file=sys.stderr)
            return False
        finally:
            self.fw.release()

    def hello(self):
        """The hello reply (without id)."""
        fw = self.fw
        return {"op": "hello", "ok": True, "protocol": PROTOCOL, "backend": fw.backend,
                "runner": {"name": "mpsbench-runner-" + fw.name, "version": RUNNER_VERSION, "build": fw.build()},
                "device": fw.device_facts(), "libraries": fw.libraries(),
                "timer": "gpu" if fw.timer() is not None else "wall",
                "workloads": self.supported(), "info": fw.info()}

    def run(self, req):
        """One verified, timed case (the run reply without id)."""
        workload, dtype, params, seed = parse_case(req.get("case"))
        if dtype not in self.supported()[workload]:
            raise RunnerError("unsupported", "%s does not run %s %s" % (self.fw.backend, workload, dtype))
        budget = parse_budget(req.get("budget"))
        timing = parse_timing(req.get("timing"))
        samples = verify_samples(req)
        fw = self.fw
        fw.set_math(dtype)
        fw.begin()
        try:
            case, verify = WORKLOADS[workload].prepare(fw, params, dtype, seed)
            stats = verify(samples)
            case.sync()
            reply = {"op": "run", "ok": True}
            # Isolated samples are the host wall of one call and its synchronisation (docs/timing.md):
            # no device events, whose records cost a launch-bound call several µs of host time.
            timer = fw.timer() if timing == "streamed" else None
            reply.update(measure(budget, timed_batch(case.step, case.sync, timer), timing=timing))
            peak = fw.peak_bytes()
            reply.update(verify=stats.to_json(), mem_bytes=int(case.nbytes if peak is None else peak),
                         info=fw.run_info(dtype))
            return reply
        finally:
            case = verify = None
            fw.release()

    def handle(self, line):
        """One request line to one reply object; returns (reply, quit)."""
        req, error = parse_request(line)
        if error is not None:
            return error, False
        rid, op = req["id"], req["op"]
        try:
            if op == "hello":
                return dict({"id": rid}, **self.hello()), False
            if op == "run":
                return dict({"id": rid}, **self.run(req)), False
            if op == "bye":
                return {"id": rid, "op": "bye", "ok": True}, True
            return error_reply(rid, "error", "invalid", "unknown op %r" % op), False
        except Exception as exc:  # noqa: BLE001 - every failure becomes a reply
            kind, message = classify(exc, self.fw)
            return error_reply(rid, op, kind, message), False
