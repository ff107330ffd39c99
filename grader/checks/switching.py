"""Force thread switches inside the student's code, so that a race shows every time.

A race needs a thread switch between a check and the act that depends on it.
With the GIL such a switch is rare and luck decides whether a test sees it.
Here a trace function pauses briefly before every line of the student's
module, handing the GIL to the other threads: an unprotected check-then-act
is then interleaved on every run. Code that holds a lock is unaffected.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import time
from types import ModuleType

PAUSE = 0.0002


@contextlib.contextmanager
def forced_switches(*modules: ModuleType, pause: float = PAUSE):
    files = {m.__file__ for m in modules}

    def on_line(frame, event, arg):
        if event == "line":
            time.sleep(pause)
        return on_line

    def on_call(frame, event, arg):
        return on_line if frame.f_code.co_filename in files else None

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    threading.settrace(on_call)
    try:
        yield
    finally:
        threading.settrace(None)
        sys.setswitchinterval(old_interval)
