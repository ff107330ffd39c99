"""Detect threads that student code leaves running after it returns."""
from __future__ import annotations

import threading
import time


def running_threads() -> set[threading.Thread]:
    return set(threading.enumerate())


def left_behind(before: set[threading.Thread], grace: float = 1.0) -> list[threading.Thread]:
    """Threads started since ``before`` that are still alive after ``grace`` seconds.

    Our own watchdog threads (named ``hamzaman-…``) do not count.
    """
    end = time.monotonic() + grace
    while True:
        extra = [t for t in threading.enumerate()
                 if t not in before and t.is_alive() and not t.name.startswith("hamzaman-")]
        if not extra or time.monotonic() >= end:
            return extra
        time.sleep(0.02)
