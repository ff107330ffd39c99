"""Mutant: the worker takes some kinds of error for fatal (OSError, ArithmeticError, RuntimeError) and lets them end
the thread, where every failure must be counted and the worker go on.

catches: drawn_failures
"""
from __future__ import annotations

import threading


class Worker:
    def __init__(self, task, interval: float):
        self.task = task
        self.interval = interval
        self.runs = 0  # every call of task
        self.errors = 0  # the calls that raised
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # two start() calls at once still make one thread

    def start(self) -> None:
        """Run task() every ``interval`` seconds on a background thread; nothing if already running."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping.clear()
            self._thread = threading.Thread(target=self._loop, name="worker", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self.runs += 1
            try:
                self.task()
            except (OSError, ArithmeticError, RuntimeError):
                raise
            except Exception:  # noqa: BLE001 - counted; one failed run must not end the worker
                self.errors += 1
            if self._stopping.wait(self.interval):  # sleeps, but wakes up at once on stop()
                return

    def stop(self, timeout: float = 1.0) -> bool:
        """Ask the thread to end and wait at most ``timeout``; True when it has ended (or never started)."""
        self._stopping.set()
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


if __name__ == "__main__":
    import time

    with Worker(lambda: print("tick"), 0.5) as w:
        time.sleep(2)
    print(w.runs, "runs,", w.errors, "errors")
