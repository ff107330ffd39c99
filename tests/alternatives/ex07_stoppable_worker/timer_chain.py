"""Alternative: threading.Timer rescheduled after every run; stop() cancels the pending one and joins them all."""
import threading
import time


class Worker:
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._lock = threading.Lock()
        self._timers = []  # the pending timer last; earlier ones may still be finishing
        self._active = False

    def _schedule(self, delay):
        timer = threading.Timer(delay, self._fire)
        timer.daemon = True
        self._timers = [t for t in self._timers if t.is_alive()] + [timer]
        timer.start()

    def _fire(self):
        with self._lock:
            if not self._active:
                return
        self.runs += 1
        try:
            self.task()
        except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
            self.errors += 1
        with self._lock:
            if self._active:
                self._schedule(self.interval)

    def start(self):
        with self._lock:
            if self._active:
                return
            self._active = True
            self._schedule(0)

    def stop(self, timeout=1.0):
        with self._lock:
            self._active = False
            timers = list(self._timers)
        for t in timers:
            t.cancel()
        end = time.monotonic() + timeout
        for t in timers:
            t.join(max(0.0, end - time.monotonic()))
        return not any(t.is_alive() for t in timers)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.stop()
