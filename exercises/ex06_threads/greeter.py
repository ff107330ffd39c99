"""تمرین ۶: نخ‌ها (threads). صورت تمرین در README.md کنار همین فایل است.

Exercise 6: threads. The task is in README.md beside this file.
"""
from __future__ import annotations

import threading
import time


def greet_all(names: list[str], count: int, delay: float) -> dict[str, list[str]]:
    """One thread per name, each making ``count`` lines "i - Hello name"; return when all are done."""
    raise NotImplementedError("greet_all")


def start_heartbeat(interval: float, beats: list) -> threading.Thread:
    """Start and return a daemon thread appending time.monotonic() to ``beats`` every ``interval``."""
    raise NotImplementedError("start_heartbeat")


if __name__ == "__main__":
    print(greet_all(["Mohammad", "Ali"], 3, 0.5))
    beats: list[float] = []
    start_heartbeat(0.2, beats)
    time.sleep(1)
    print(len(beats), "beats")
