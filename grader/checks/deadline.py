"""Call student code that may deadlock, and say so within seconds instead of hanging."""
from __future__ import annotations

import queue
import threading

from grader.checks import fail


def _deadlocked(name: str, seconds: float):
    fail(
        f"{name} did not return within {seconds:g} s: a deadlock (a thread waiting for a lock that is "
        "never released, often a plain Lock acquired again by the thread that holds it) or an endless loop.",
        f"{name} پس از {seconds:g} ثانیه برنگشت: یا بن‌بست (deadlock) است، یعنی نخی منتظر قفلی است که "
        "هرگز آزاد نمی‌شود (اغلب یک Lock معمولی که نخِ صاحبش دوباره آن را می‌گیرد)، یا حلقه‌ای بی‌پایان.",
    )


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
        _deadlocked(what or getattr(fn, "__qualname__", "the call"), seconds)
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


class TakingTurns:
    """Two threads that stay alive and take turns making the calls, each within a deadline.

    A lock a call leaves held then shows on the very next call, made by the other thread:
    with a fresh thread per call, the new thread may get the finished one's id, and an
    RLock would let it in.
    """

    def __init__(self, seconds: float = 5.0):
        self.seconds, self._turn = seconds, 0
        self._inboxes = [queue.Queue(), queue.Queue()]
        for i, inbox in enumerate(self._inboxes):
            threading.Thread(target=self._serve, args=(inbox,), daemon=True, name=f"hamzaman-turns-{i}").start()

    @staticmethod
    def _serve(inbox: queue.Queue) -> None:
        while True:
            fn, args, answer = inbox.get()
            try:
                answer.put((True, fn(*args)))
            except BaseException as e:  # noqa: BLE001 - handed back to the caller
                answer.put((False, e))

    def __call__(self, fn, *args, what: str = ""):
        answer: queue.Queue = queue.Queue()
        self._inboxes[self._turn].put((fn, args, answer))
        self._turn ^= 1
        try:
            ok, value = answer.get(timeout=self.seconds)
        except queue.Empty:
            _deadlocked(what or f"{getattr(fn, '__name__', 'the call')}{args!r}", self.seconds)
        if not ok:
            raise value
        return value
