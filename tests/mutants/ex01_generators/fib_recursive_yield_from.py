"""Mutant: fib() recurses with yield from, one nested generator per value: RecursionError near the 1000th value.

catches: fib_is_generator
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice


def fib(a: int = 1, b: int = 1) -> Iterator[int]:
    yield a
    yield from fib(b, a + b)


def fib_below(limit: int) -> Iterator[int]:
    for value in fib():
        if value >= limit:
            return
        yield value


def take(n: int, iterable: Iterable) -> list:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    return list(islice(iterable, n))
