"""Mutant: take has a fast path for lists that pops their items, emptying the caller's list.

catches: take_values
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice


def fib() -> Iterator[int]:
    a, b = 1, 1
    while True:
        yield a
        a, b = b, a + b


def fib_below(limit: int) -> Iterator[int]:
    for value in fib():
        if value >= limit:
            return
        yield value


def take(n: int, iterable: Iterable) -> list:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    if isinstance(iterable, list):
        items = []
        while iterable and len(items) < n:
            items.append(iterable.pop(0))
        return items
    return list(islice(iterable, n))
