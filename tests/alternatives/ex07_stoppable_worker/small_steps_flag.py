"""Alternative: a plain boolean flag checked while sleeping in small fixed steps until the interval is over."""
import threading
import time

STEP = 0.01


class Worker:
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._running = False
        self._thread = None

    def _pause(self):
        until = time.monotonic() + self.interval
        while self._running:
            left = until - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(STEP, left))

    def _work(self):
        while self._running:
            self.runs += 1
            try:
                self.task()
            except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
                self.errors += 1
            self._pause()

    def start(self):
        if self._thread is not None and self._thread.is_alive():
            return
        self._running = True
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def stop(self, timeout=1.0):
        self._running = False
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stop()
        return False
