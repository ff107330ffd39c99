"""Alternative: stop() posts a sentinel on a queue.Queue; the loop's get(timeout=interval) doubles as its sleep."""
import queue
import threading

_STOP = object()


class Worker:
    def __init__(self, task, interval):
        self.task = task
        self.interval = interval
        self.runs = 0
        self.errors = 0
        self._inbox = queue.Queue()
        self._thread = None

    def _serve(self, inbox):
        while True:
            self.runs += 1
            try:
                self.task()
            except Exception:  # noqa: BLE001 - a failed run is counted, the worker goes on
                self.errors += 1
            try:
                if inbox.get(timeout=self.interval) is _STOP:
                    return
            except queue.Empty:
                pass

    def start(self):
        if self._thread is not None and self._thread.is_alive():
            return
        self._inbox = queue.Queue()  # a fresh one: an old sentinel must not stop the new thread
        self._thread = threading.Thread(target=self._serve, args=(self._inbox,), daemon=True)
        self._thread.start()

    def stop(self, timeout=1.0):
        if self._thread is None:
            return True
        self._inbox.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_):
        self.stop()
