"""Alternative: Event.wait(interval) as the loop condition, so the first run comes after one interval."""
import threading


class Worker:
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._halt = threading.Event()
        self._thread = None

    def _run(self):
        while not self._halt.wait(self.interval):
            self.runs += 1
            try:
                self.task()
            except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
                self.errors += 1

    def start(self):
        if self._thread and self._thread.is_alive():
            return
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self, timeout=1.0):
        self._halt.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stop()
        return False
