"""Alternative: a Thread subclass on a fixed-rate schedule read from the wall clock (`from time import time as now`).

Correct, and it earns 100; the cadence check adds a note that time.monotonic() is the clock for intervals.
"""
from threading import Event, Lock, Thread
from time import time as now


class _Runner(Thread):
    def __init__(self, owner):
        super().__init__(daemon=True, name="worker")
        self.owner = owner
        self.halt = Event()

    def run(self):
        owner, due = self.owner, now()
        while not self.halt.wait(max(0.0, due - now())):
            owner.runs += 1
            try:
                owner.task()
            except Exception:  # noqa: BLE001 - counted, and the worker goes on
                owner.errors += 1
            due = max(due + owner.interval, now())


class Worker:
    def __init__(self, task, interval):
        self.task, self.interval = task, interval
        self.runs = self.errors = 0
        self._runner = None
        self._guard = Lock()

    def start(self):
        with self._guard:
            if self._runner is None or not self._runner.is_alive():
                self._runner = _Runner(self)
                self._runner.start()

    def stop(self, timeout=1.0):
        runner = self._runner
        if runner is None:
            return True
        runner.halt.set()
        runner.join(timeout)
        return not runner.is_alive()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
