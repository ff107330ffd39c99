"""Alternative: from-imports, sleep only between lines, and a heartbeat built on a repeating Timer subclass."""
from threading import Thread, Timer
from time import monotonic, sleep


class RepeatTimer(Timer):
    """A Timer that calls its function every interval instead of once."""

    def run(self):
        while not self.finished.wait(self.interval):
            self.function(*self.args, **self.kwargs)


def say_hello(name, count, delay, into):
    for i in range(1, count + 1):
        into.append(f"{i} - Hello {name}")
        if i < count:
            sleep(delay)


def greet_all(names, count, delay):
    lines = {}
    threads = []
    for name in names:
        lines[name] = []
        threads.append(Thread(target=say_hello, args=(name, count, delay, lines[name])))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lines


def start_heartbeat(interval, beats):
    timer = RepeatTimer(interval, lambda: beats.append(monotonic()))
    timer.daemon = True
    timer.start()
    return timer
