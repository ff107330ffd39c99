"""Alternative: threads put (name, line) pairs on a queue.Queue; the caller sorts them out after joining."""
import queue
import threading
import time


def _greet(name, count, delay, out):
    for i in range(1, count + 1):
        out.put((name, f"{i} - Hello {name}"))
        time.sleep(delay)


def greet_all(names, count, delay):
    out = queue.Queue()
    workers = []
    for name in names:
        w = threading.Thread(target=_greet, args=(name, count, delay, out))
        w.start()
        workers.append(w)
    for w in workers:
        w.join()
    result = {name: [] for name in names}
    while not out.empty():
        name, line = out.get_nowait()
        result[name].append(line)
    return result


def start_heartbeat(interval, beats):
    never = threading.Event()

    def beat():
        while not never.wait(interval):  # first beat after one interval
            beats.append(time.monotonic())

    t = threading.Thread(target=beat, daemon=True)
    t.start()
    return t
