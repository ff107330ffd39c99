"""Alternative: a fixed-rate schedule on time.monotonic() deadlines, and the context manager from contextlib's ABC."""
import contextlib
import threading
import time


class Worker(contextlib.AbstractContextManager):
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._wake = threading.Event()
        self._thread = None
        self._start_lock = threading.Lock()

    def _loop(self):
        due = time.monotonic()
        while True:
            remaining = due - time.monotonic()
            if self._wake.wait(max(0.0, remaining)):
                break
            self.runs += 1
            try:
                self.task()
            except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
                self.errors += 1
            due = max(due + self.interval, time.monotonic())  # no burst of runs after a slow one

    def start(self):
        with self._start_lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._wake.clear()
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()

    def stop(self, timeout=1.0):
        self._wake.set()
        t = self._thread
        if t is not None:
            t.join(timeout)
            if t.is_alive():
                return False
        return True

    def __enter__(self):
        self.start()
        return super().__enter__()

    def __exit__(self, exc_type, exc_value, traceback):
        self.stop()
