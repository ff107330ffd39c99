"""Call student code that may deadlock, and say so within seconds instead of hanging."""
from __future__ import annotations

import threading

from grader.checks import fail


def call_with_deadline(fn, *args, seconds: float = 5.0, what: str = "", **kwargs):
    """Run ``fn`` on a daemon thread; a call still running after ``seconds`` is a deadlock.

    The stuck thread is abandoned (it is a daemon, and the grading process is
    killed at the end anyway); its exception, if any, is re-raised here.
    """
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as e:  # noqa: BLE001 - handed back to the caller
            outcome["error"] = e

    t = threading.Thread(target=target, name="hamzaman-deadline", daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        name = what or getattr(fn, "__qualname__", "the call")
        fail(
            f"{name} did not return within {seconds:g} s: a deadlock (a thread waiting for a lock that is "
            "never released, often a plain Lock acquired again by the thread that holds it) or an endless loop.",
            f"{name} پس از {seconds:g} ثانیه برنگشت: یا بن‌بست (deadlock) است، یعنی نخی منتظر قفلی است که "
            "هرگز آزاد نمی‌شود (اغلب یک Lock معمولی که نخِ صاحبش دوباره آن را می‌گیرد)، یا حلقه‌ای بی‌پایان.",
        )
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def run_together(calls, seconds: float = 10.0, what: str = ""):
    """Start every call at once on its own thread (a barrier lines them up); return their results.

    Threads still running after ``seconds`` mean a deadlock; an exception in
    any call is re-raised.
    """
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def worker(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the caller
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i, fn), daemon=True, name=f"hamzaman-worker-{i}")
               for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    call_with_deadline(lambda: [t.join() for t in threads], seconds=seconds,
                       what=what or f"{len(calls)} concurrent calls")
    if errors:
        raise errors[0]
    return results
