"""Alternative: a two-at-a-time generator, a bare for/break filter, and take as a zip(range(n), ...) comprehension."""


def fib():
    a = b = 1
    while True:
        yield a
        yield b
        a += b
        b += a


def fib_below(limit):
    for number in fib():
        if number >= limit:
            break
        yield number


def take(n, iterable):
    if n < 0:
        raise ValueError("n must not be negative")
    # zip pulls from range first: once range is spent, nothing more is taken from the iterable
    return [item for _, item in zip(range(n), iterable)]
