"""Alternative: a Condition and a plain flag; the loop sleeps with cond.wait_for(..., timeout=interval)."""
from threading import Condition, Thread


class Worker:
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._cond = Condition()
        self._stopping = False
        self._thread = None

    def _main(self):
        while True:
            with self._cond:
                if self._stopping:
                    return
            self.runs += 1
            try:
                self.task()
            except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
                self.errors += 1
            with self._cond:
                if self._cond.wait_for(lambda: self._stopping, timeout=self.interval):
                    return

    def start(self):
        with self._cond:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping = False
            self._thread = Thread(target=self._main, name="condition-worker", daemon=True)
            self._thread.start()

    def stop(self, timeout=1.0):
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
