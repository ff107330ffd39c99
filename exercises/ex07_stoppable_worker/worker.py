"""تمرین ۷: کارگری که می‌شود متوقفش کرد. صورت تمرین در README.md کنار همین فایل است.

Exercise 7: a worker that can be stopped. The task is in README.md beside this file.
"""
from __future__ import annotations


class Worker:
    def __init__(self, task, interval: float):
        self.task = task
        self.interval = interval
        self.runs = 0  # every call of task
        self.errors = 0  # the calls that raised
        # TODO: what does the thread need so that it can be told to stop, and stop at once?

    def start(self) -> None:
        """Run task() every ``interval`` seconds on a background thread; nothing if already running."""
        raise NotImplementedError("start")

    def stop(self, timeout: float = 1.0) -> bool:
        """Ask the thread to end and wait at most ``timeout``; True when it has ended (or never started)."""
        raise NotImplementedError("stop")

    def __enter__(self):
        raise NotImplementedError("__enter__")

    def __exit__(self, *exc_info) -> None:
        raise NotImplementedError("__exit__")


if __name__ == "__main__":
    import time

    with Worker(lambda: print("tick"), 0.5) as w:
        time.sleep(2)
    print(w.runs, "runs,", w.errors, "errors")
