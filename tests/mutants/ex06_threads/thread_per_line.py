"""Mutant: one thread per line, each sleeping until its turn, instead of one thread per name.

catches: greet_in_threads
"""
import threading
import time


def line_later(name, i, delay, lines):
    time.sleep((i - 1) * delay)
    lines.append(f"{i} - Hello {name}")


def greet_all(names, count, delay):
    results = {name: [] for name in names}
    threads = [threading.Thread(target=line_later, args=(name, i, delay, results[name]))
               for name in names for i in range(1, count + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def start_heartbeat(interval, beats):
    def beat():
        while True:
            beats.append(time.monotonic())
            time.sleep(interval)
    t = threading.Thread(target=beat, daemon=True)
    t.start()
    return t
