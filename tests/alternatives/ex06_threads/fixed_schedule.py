"""Alternative: a lock-guarded shared dict, lines printed too, and a drift-free heartbeat on a monotonic schedule."""
import threading
import time

_print_lock = threading.Lock()


def greet_all(names, count, delay):
    result = {}
    guard = threading.Lock()

    def greet(name):
        for i in range(1, count + 1):
            line = f"{i} - Hello {name}"
            with _print_lock:
                print(line, flush=True)
            with guard:
                result.setdefault(name, []).append(line)
            time.sleep(delay)

    with guard:
        for name in names:
            result[name] = []
    threads = [threading.Thread(target=greet, args=(name,), name=name) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result


def start_heartbeat(interval, beats):
    def beat():
        due = time.monotonic()
        while True:
            beats.append(time.monotonic())
            due += interval
            time.sleep(max(0.0, due - time.monotonic()))

    thread = threading.Thread(target=beat, name="heartbeat")
    thread.daemon = True
    thread.start()
    return thread
