"""Mutant: the results dict is a module global, so the names of an earlier call leak into the next one.

catches: greet_lines
"""
import threading
import time

RESULTS = {}


def greet(name, count, delay):
    RESULTS[name] = []
    for i in range(1, count + 1):
        RESULTS[name].append(f"{i} - Hello {name}")
        time.sleep(delay)


def greet_all(names, count, delay):
    threads = [threading.Thread(target=greet, args=(name, count, delay)) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return RESULTS


def start_heartbeat(interval, beats):
    def beat():
        while True:
            beats.append(time.monotonic())
            time.sleep(interval)
    t = threading.Thread(target=beat, daemon=True)
    t.start()
    return t
