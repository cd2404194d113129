"""The one exception type a runner raises on purpose, and how its messages are shortened."""


class RunnerError(Exception):
    """A failure reply: `kind` is unsupported, oom, invalid or internal (protocol.md §2)."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def first_line(text):
    """The first line of an exception's text ('' when empty)."""
    return text.splitlines()[0] if text else ""
