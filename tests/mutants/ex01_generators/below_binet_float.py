"""Mutant: fib() is right, but fib_below computes each value with Binet's float formula (wrong after the 70th).

catches: fib_below_values
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import islice


def fib() -> Iterator[int]:
    a, b = 1, 1
    while True:
        yield a
        a, b = b, a + b


def fib_below(limit: int) -> Iterator[int]:
    phi = (1 + math.sqrt(5)) / 2
    n = 1
    while True:
        value = round(phi ** n / math.sqrt(5))
        if value >= limit:
            return
        yield value
        n += 1


def take(n: int, iterable: Iterable) -> list:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    return list(islice(iterable, n))
