"""Every call takes a plain Lock it already holds."""
import threading

_lock = threading.Lock()


def _stuck():
    with _lock:
        with _lock:
            pass


def fib():
    _stuck()
    yield 1


def fib_below(limit):
    _stuck()


def take(n, iterable):
    _stuck()
