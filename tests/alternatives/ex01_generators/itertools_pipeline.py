"""Alternative: itertools all the way (takewhile for the bound, islice for take), pair stepped before yield."""
from itertools import islice, takewhile


def fib():
    previous, current = 0, 1
    while True:
        previous, current = current, previous + current
        yield previous


def fib_below(limit):
    return takewhile(lambda value: value < limit, fib())


def take(n, iterable):
    if n < 0:
        raise ValueError("take() needs n >= 0")
    return list(islice(iterable, n))
