"""Mutant: fib() uses Binet's closed formula in floats: exact for the first 70 values, then off by one and more.

catches: fib_sequence
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import count, islice

SQRT5 = math.sqrt(5)
PHI = (1 + SQRT5) / 2


def fib() -> Iterator[int]:
    for n in count(1):
        yield round(PHI ** n / SQRT5)


def fib_below(limit: int) -> Iterator[int]:
    for value in fib():
        if value >= limit:
            return
        yield value


def take(n: int, iterable: Iterable) -> list:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    return list(islice(iterable, n))
