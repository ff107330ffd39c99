"""Mutant: every line goes to one shared list, split afterwards by `name in line`, so Ali gets Alireza's lines too.

catches: greet_lines
"""
import threading
import time


def greet(name, count, delay, lines):
    for i in range(1, count + 1):
        lines.append(f"{i} - Hello {name}")
        time.sleep(delay)


def greet_all(names, count, delay):
    lines = []
    threads = [threading.Thread(target=greet, args=(name, count, delay, lines)) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {name: [line for line in lines if name in line] for name in names}


def start_heartbeat(interval, beats):
    def beat():
        while True:
            beats.append(time.monotonic())
            time.sleep(interval)
    t = threading.Thread(target=beat, daemon=True)
    t.start()
    return t
