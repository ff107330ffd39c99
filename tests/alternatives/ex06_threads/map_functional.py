"""Alternative: functools.partial targets, map() to start and join, itertools.count for numbering."""
import functools
import itertools
import threading
import time


def _lines(name, count, delay, sink):
    for i in itertools.islice(itertools.count(1), count):
        sink.append("%d - Hello %s" % (i, name))  # noqa: UP031 - the older spelling works as well
        time.sleep(delay)


def greet_all(names, count, delay):
    sinks = dict(zip(names, ([] for _ in names)))
    threads = [threading.Thread(target=functools.partial(_lines, n, count, delay, sinks[n])) for n in names]
    list(map(threading.Thread.start, threads))
    list(map(threading.Thread.join, threads))
    return sinks


def start_heartbeat(interval, beats):
    def forever():
        for _ in itertools.count():
            beats.append(time.monotonic())
            time.sleep(interval)

    return _started(threading.Thread(target=forever, daemon=True))


def _started(thread):
    thread.start()
    return thread
