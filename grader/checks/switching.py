"""Force thread switches inside the student's code, so that a race shows every time.

A race needs a thread switch between a check and the act that depends on it.
With the GIL such a switch is rare and luck decides whether a test sees it.
Here a trace function pauses briefly before every line of the student's
module, handing the GIL to the other threads: an unprotected check-then-act
is then interleaved on every run. Code that holds a lock is unaffected.
"""
from __future__ import annotations

import contextlib
import copy
import sys
import threading
import time
from types import ModuleType

from grader.checks.deadline import call_with_deadline

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


class _Tracer:
    """Counts the lines a thread runs in the student's files and calls ``on_line`` before each."""

    def __init__(self, files: set[str], on_line=None):
        self.files, self.lines, self._on_line = files, 0, on_line

    def __call__(self, frame, event, arg):
        return self._local if frame.f_code.co_filename in self.files else None

    def _local(self, frame, event, arg):
        if event == "line":
            self.lines += 1
            if self._on_line:
                self._on_line()
        return self._local

    def run(self, fn):
        sys.settrace(self)
        try:
            return fn()
        finally:
            sys.settrace(None)


def _state(obj) -> object:
    """What ``obj`` holds now, copied one level down (its counters and dicts); None when it has no ``__dict__``."""
    try:
        fields = vars(obj)
    except TypeError:
        return None
    return {k: copy.copy(v) if isinstance(v, (dict, list, set)) else v for k, v in fields.items()}


def probe_midway(target, probe, *, watch, modules: tuple[ModuleType, ...], patience: float = 0.05,
                 budget: float = 1.0, seconds: float = 10.0):
    """Run ``target`` on a thread and, from the moment it has changed ``watch``, run ``probe`` on another.

    While the probe is under way, ``target`` stops before each line of the student's code until the
    probe has returned or has made no progress for ``patience`` seconds (it is waiting for a lock the
    target holds; once found waiting, a fifth of that is given at each later line to see it move on).
    The target waits ``budget`` seconds in all at most, so a probe that polls for the lock (and so
    keeps making progress) cannot hold it back for ever.
    A state the target changes without holding the lock is so seen by the probe every time, not when
    the scheduler happens to switch there; code that holds its lock only costs a wait.
    Returns the two calls' values; an exception from either is raised here.
    """
    files = {m.__file__ for m in modules}
    before = _state(watch)
    probe_done = threading.Event()
    outcomes: dict[str, tuple[bool, object]] = {}
    prober = _Tracer(files)

    def attempt(key, fn, tracer):
        try:
            outcomes[key] = (True, tracer.run(fn))
        except BaseException as e:  # noqa: BLE001 - handed back to the caller
            outcomes[key] = (False, e)

    def run_probe():
        attempt("probe", probe, prober)
        probe_done.set()

    probe_thread = threading.Thread(target=run_probe, daemon=True, name="hamzaman-probe")
    stuck_at = [-1]  # the probe's line count when it was last found waiting
    paused = [0.0]  # seconds the target has waited so far

    def before_target_line():
        if not probe_thread.ident:
            if before is not None and _state(watch) == before:
                return
            probe_thread.start()
        began = seen_at = time.monotonic()
        seen = prober.lines
        wait = patience / 5 if seen == stuck_at[0] else patience
        try:
            while paused[0] + time.monotonic() - began < budget and not probe_done.wait(patience / 20):
                if prober.lines != seen:
                    seen, seen_at, wait = prober.lines, time.monotonic(), patience
                elif time.monotonic() - seen_at > wait:
                    stuck_at[0] = seen
                    return
        finally:
            paused[0] += time.monotonic() - began

    def run_target():
        attempt("target", target, _Tracer(files, before_target_line))
        if not probe_thread.ident:
            probe_thread.start()
        probe_thread.join()

    call_with_deadline(run_target, seconds=seconds, what="the two calls")
    for ok, value in outcomes.values():
        if not ok:
            raise value
    return outcomes["target"][1], outcomes["probe"][1]
