"""Alternative: threading.Thread subclasses that keep their own lines, collected after join."""
import threading
import time


class Greeter(threading.Thread):
    def __init__(self, name, count, delay):
        super().__init__(name=f"greeter-{name}")
        self.who = name
        self.count = count
        self.delay = delay
        self.lines = []

    def run(self):
        for i in range(1, self.count + 1):
            self.lines.append(f"{i} - Hello {self.who}")
            time.sleep(self.delay)


class Heartbeat(threading.Thread):
    def __init__(self, interval, beats):
        super().__init__(daemon=True)
        self.interval = interval
        self.beats = beats

    def run(self):
        while True:
            self.beats.append(time.monotonic())
            time.sleep(self.interval)


def greet_all(names, count, delay):
    greeters = [Greeter(name, count, delay) for name in names]
    for g in greeters:
        g.start()
    for g in greeters:
        g.join()
    return {g.who: g.lines for g in greeters}


def start_heartbeat(interval, beats):
    heart = Heartbeat(interval, beats)
    heart.start()
    return heart
