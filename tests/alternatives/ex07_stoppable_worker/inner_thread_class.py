"""Alternative: a threading.Thread subclass owns the loop and its stop event; Worker makes a new one per start()."""
import threading


class _Loop(threading.Thread):
    def __init__(self, worker):
        super().__init__(daemon=True)
        self.worker = worker
        self.halt = threading.Event()

    def run(self):
        w = self.worker
        while not self.halt.is_set():
            w.runs += 1
            try:
                w.task()
            except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
                w.errors += 1
            self.halt.wait(w.interval)


class Worker:
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._loop = None

    def start(self):
        if self._loop is None or not self._loop.is_alive():
            self._loop = _Loop(self)
            self._loop.start()

    def stop(self, timeout=1.0):
        loop = self._loop
        if loop is None:
            return True
        loop.halt.set()
        loop.join(timeout=timeout)
        return not loop.is_alive()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
