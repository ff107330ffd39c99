"""Mutant: a ThreadPoolExecutor of default size: with more names than its threads, the others wait their turn.

catches: greet_concurrent
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def greet(name, count, delay):
    lines = []
    for i in range(1, count + 1):
        lines.append(f"{i} - Hello {name}")
        time.sleep(delay)
    return lines


def greet_all(names, count, delay):
    with ThreadPoolExecutor() as pool:
        return dict(zip(names, pool.map(greet, names, [count] * len(names), [delay] * len(names))))


def start_heartbeat(interval, beats):
    def beat():
        while True:
            beats.append(time.monotonic())
            time.sleep(interval)
    t = threading.Thread(target=beat, daemon=True)
    t.start()
    return t
