"""Transport (protocol.md §1): the reply channel, request lines, failure replies and the serve loop.

Replies go to a private duplicate of the original stdout and file descriptor 1 points at stderr,
so nothing a library prints can corrupt the channel. Standard library only: a runner whose
framework (or numpy) does not import still answers every request, with the reason.
"""
import json
import os
import sys
import threading
import time


def watch_parent(interval=1.0):
    """Exits the process (status 3) once its parent is gone: mpsbench was SIGKILLed and this runner
    was re-parented, so os.getppid() changed. The serve loop sees a closed stdin only between
    requests; this daemon thread also covers a runner busy in a long case."""
    parent = os.getppid()
    if parent <= 1:
        return None  # started by init (or already orphaned): nothing to watch

    def watch():
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(3)

    thread = threading.Thread(target=watch, name="mpsbench-parent-watchdog", daemon=True)
    thread.start()
    return thread


def open_reply_channel():
    """Duplicates stdout for replies and points fd 1 (and sys.stdout) at stderr."""
    sys.stdout.flush()
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def send(channel, obj):
    """Writes one reply line (strict JSON: no NaN or Infinity) and flushes it."""
    channel.write(json.dumps(obj, allow_nan=False, separators=(",", ":")) + "\n")
    channel.flush()


def error_reply(rid, op, kind, message):
    """A failure reply."""
    return {"id": rid, "op": op, "ok": False, "error": {"kind": kind, "message": message}}


def parse_request(line):
    """(request, None) for a well-formed request line, else (None, the error reply)."""
    try:
        req = json.loads(line)
    except ValueError as exc:
        return None, error_reply(None, "error", "invalid", "bad JSON: %s" % exc)
    if not isinstance(req, dict) or "id" not in req or not isinstance(req.get("op"), str):
        rid = req.get("id") if isinstance(req, dict) else None
        return None, error_reply(rid, "error", "invalid", 'a request is an object with "op" (a string) and "id"')
    return req, None


class Unavailable:
    """Answers every request but bye with `unsupported` and the reason the device cannot be used."""

    def __init__(self, problem):
        self.problem = problem

    def handle(self, line):
        """One request line to (reply, quit)."""
        req, error = parse_request(line)
        if error is not None:
            return error, False
        if req["op"] == "bye":
            return {"id": req["id"], "op": "bye", "ok": True}, True
        return error_reply(req["id"], req["op"], "unsupported", self.problem), False


def serve(handler, channel, stdin=sys.stdin):
    """Answers request lines until bye or end of input (which means bye); returns the exit status."""
    for line in iter(stdin.readline, ""):
        if not line.strip():
            continue
        reply, quit_ = handler.handle(line)
        send(channel, reply)
        if quit_:
            break
    return 0
