"""Alternative: a deque as the two-number window, explicit next() calls with a sentinel default."""
from collections import deque

_DONE = object()


def fib():
    window = deque([1, 1], maxlen=2)
    yield window[0]
    while True:
        yield window[-1]
        window.append(window[0] + window[1])


def fib_below(limit):
    numbers = fib()
    while True:
        value = next(numbers)
        if not value < limit:
            return
        yield value


def take(n, iterable):
    if n < 0:
        raise ValueError(n)
    it = iter(iterable)
    out = []
    for _ in range(n):
        item = next(it, _DONE)
        if item is _DONE:
            break
        out.append(item)
    return out
