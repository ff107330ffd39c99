"""Alternative: each value computed by index with exact integer fast doubling, over itertools.count."""
from itertools import count
from itertools import islice as _islice


def _pair(k):
    """(F(k), F(k+1)) with F(0) = 0, F(1) = 1, by fast doubling."""
    if k == 0:
        return 0, 1
    a, b = _pair(k // 2)
    c = a * (2 * b - a)
    d = a * a + b * b
    return (d, c + d) if k % 2 else (c, d)


def fib():
    for index in count(1):
        yield _pair(index)[0]


def fib_below(limit):
    for value in fib():
        if value >= limit:
            return
        yield value


def take(n, iterable):
    if n < 0:
        raise ValueError("n < 0")
    return [*_islice(iterable, n)]
