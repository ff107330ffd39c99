"""Alternative: each thread drains a generator that sleeps between lines, then stores its list in the shared dict."""
import threading
import time


def hello_lines(name, count, delay):
    for i in range(1, count + 1):
        if i > 1:
            time.sleep(delay)
        yield f"{i} - Hello {name}"


def greet_all(names, count, delay):
    done = {}

    def work(who):
        done[who] = list(hello_lines(who, count, delay))

    pending = [threading.Thread(target=work, args=(n,)) for n in names]
    for t in pending:
        t.start()
    while pending:
        pending.pop().join()
    return {n: done[n] for n in names}


def start_heartbeat(interval, beats):
    def run():
        while True:
            time.sleep(interval)
            beats.append(time.monotonic())

    heart = threading.Thread(target=run)
    heart.daemon = True
    heart.start()
    return heart
