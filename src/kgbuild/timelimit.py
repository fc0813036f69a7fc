"""A time limit for one document's stages, so that one document cannot stall a build.

In a process's main thread (worker processes, a one-process build) a timer interrupts the document's
Python code when the limit passes; a single native call (a parser, a Rust SHACL engine) is not
interrupted, and the limit is acted on as soon as it returns. Elsewhere (an executor's worker thread, as
in Dask), where no timer can interrupt, the limit is checked between the stages.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(Exception):
    """A document took longer than its time limit: found `after` a stage, or (None) interrupted inside one."""

    def __init__(self, seconds: float, after: str | None = None):
        super().__init__(seconds, after)
        self.seconds, self.after = seconds, after


class Deadline:
    def __init__(self, seconds: float | None):
        self.seconds = seconds or None
        self._end = time.perf_counter() + seconds if seconds else None

    def check(self, after: str) -> None:
        """Raise TimeLimitExceeded when the limit has passed by the end of the stage `after`."""
        if self._end is not None and time.perf_counter() > self._end:
            raise TimeLimitExceeded(self.seconds, after)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[Deadline]:
    """A Deadline to check between stages; in the main thread also a timer that raises TimeLimitExceeded
    in the running code once `seconds` pass. None or 0: no limit."""
    deadline = Deadline(seconds)
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield deadline
        return

    def on_alarm(_signum, _frame):
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
