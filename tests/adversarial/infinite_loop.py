"""Every function loops forever."""


def fib():
    while True:
        pass
    yield


def fib_below(limit):
    while True:
        pass


def take(n, iterable):
    while True:
        pass
