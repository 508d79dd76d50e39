"""A time limit for reading one document, so that one pathological text cannot hold a batch.

The limit is a POSIX interval timer (``SIGALRM``): it interrupts supplytrace's own Python code
between two operations. It can only be set in the main thread; elsewhere (a web server's
worker thread) documents run without it. spaCy's parser, which runs in compiled code, is
interrupted when it hands back control, so a limit can be overrun by one parse.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# Seconds one document may take in the extractor after it is parsed (SUPPLYTRACE_DOC_SECONDS;
# 0 for none). A typical news report takes well under a second, a 1 MB text about a minute.
DEFAULT_SECONDS = 300.0


class TimeLimitExceeded(Exception):
    """A document took longer than the time limit."""


def configured(variable: str, default: float, what: str, minimum: float = 0.0) -> float:
    """A limit from the environment variable ``variable``, else ``default``; a value that is
    not a number is an error that names the variable and what it counts."""
    value = os.environ.get(variable)
    if value is None:
        return default
    try:
        return max(minimum, float(value))
    except ValueError:
        raise ValueError(f"{variable}={value!r} is not a number of {what}") from None


def configured_seconds() -> float:
    return configured("SUPPLYTRACE_DOC_SECONDS", DEFAULT_SECONDS, "seconds (0 for no limit)")


def _raise(signum: int, frame: FrameType | None) -> None:
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block once ``seconds`` have passed (0: no limit)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
