"""Mutant: greet "tidies" each name with str.title(), which only the kit's capitalised names survive.

catches: drawn_names
"""
from __future__ import annotations

import threading
import time


def greet(name: str, count: int, delay: float, lines: list[str]) -> None:
    for i in range(1, count + 1):
        lines.append(f"{i} - Hello {name.title()}")
        time.sleep(delay)


def greet_all(names: list[str], count: int, delay: float) -> dict[str, list[str]]:
    """One thread per name, each making ``count`` lines "i - Hello name"; return when all are done."""
    results: dict[str, list[str]] = {name: [] for name in names}
    threads = [threading.Thread(target=greet, args=(name, count, delay, results[name])) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _beat(interval: float, beats: list) -> None:
    while True:
        beats.append(time.monotonic())
        time.sleep(interval)


def start_heartbeat(interval: float, beats: list) -> threading.Thread:
    """Start and return a daemon thread appending time.monotonic() to ``beats`` every ``interval``."""
    t = threading.Thread(target=_beat, args=(interval, beats), daemon=True)
    t.start()
    return t


if __name__ == "__main__":
    print(greet_all(["Mohammad", "Ali"], 3, 0.5))
    beats: list[float] = []
    start_heartbeat(0.2, beats)
    time.sleep(1)
    print(len(beats), "beats")
