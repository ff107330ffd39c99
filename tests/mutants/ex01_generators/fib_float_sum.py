"""Mutant: fib() adds floats (1.0, 1.0, ...): equal to the integers up to the 78th value, rounded after that.

catches: fib_sequence
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice


def fib() -> Iterator[float]:
    a, b = 1.0, 1.0
    while True:
        yield a
        a, b = b, a + b


def fib_below(limit: int) -> Iterator[float]:
    for value in fib():
        if value >= limit:
            return
        yield value


def take(n: int, iterable: Iterable) -> list:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    return list(islice(iterable, n))
