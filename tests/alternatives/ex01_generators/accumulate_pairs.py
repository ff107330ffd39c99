"""Alternative: itertools.accumulate over (a, b) pairs delegated with yield from; take with enumerate from 1."""
import functools
import itertools
import operator


def fib():
    pairs = itertools.accumulate(itertools.repeat(None), lambda pair, _: (pair[1], pair[0] + pair[1]),
                                 initial=(1, 1))
    yield from map(operator.itemgetter(0), pairs)


def fib_below(limit):
    yield from itertools.takewhile(functools.partial(operator.gt, limit), fib())  # limit > value


def take(n, iterable):
    if n < 0:
        raise ValueError("cannot take a negative number of items")
    result = []
    if n:
        for position, item in enumerate(iterable, start=1):
            result.append(item)
            if position == n:
                break
    return result
