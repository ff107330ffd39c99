"""Which threads student code starts, and which of them it leaves running after it returns."""
from __future__ import annotations

import contextlib
import sys
import threading
import time

OURS = "hamzaman-"  # the prefix of our own watchdog threads' names: they never count


def running_threads() -> set[threading.Thread]:
    return set(threading.enumerate())


def left_behind(before: set[threading.Thread], grace: float = 1.0) -> list[threading.Thread]:
    """Threads started since ``before`` that are still alive after ``grace`` seconds."""
    end = time.monotonic() + grace
    while True:
        extra = [t for t in threading.enumerate()
                 if t not in before and t.is_alive() and not t.name.startswith(OURS)]
        if not extra or time.monotonic() >= end:
            return extra
        time.sleep(0.02)


@contextlib.contextmanager
def entering(files: set[str], *, hold: float = 0.0):
    """Collect the threads, started meanwhile, that call a function of ``files``.

    ``threading.settrace`` hooks every thread the threading module starts, before its
    ``run()``, however the student imported ``Thread`` and even when the code never sleeps
    (a sampler would miss such a short-lived thread). A thread's hook goes once it has
    been seen. The Thread objects are kept, not their idents: an ident is reused as soon
    as its thread ends.

    With ``hold``, the second of those threads waits that long before it goes on, so it
    ends last, whichever threads the code keeps track of: code that joins only the last
    thread it started (or only the first) returns while that one still runs.
    """
    seen: list[threading.Thread] = []
    lock = threading.Lock()

    def on_call(frame, event, arg):
        if frame.f_code.co_filename in files:
            sys.settrace(None)
            thread = threading.current_thread()
            if not thread.name.startswith(OURS):
                with lock:
                    seen.append(thread)
                    held = hold and len(seen) == 2
                if held:
                    time.sleep(hold)
        # returning None: no line-by-line tracing of any frame

    threading.settrace(on_call)
    try:
        yield seen
    finally:
        threading.settrace(None)
