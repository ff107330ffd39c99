"""Mutant: fib() yields from a table of the first 1500 values built at import, as far as the kit's checks read,
and then stops.

catches: drawn_values
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator


def _table(count: int) -> list[int]:
    values, a, b = [], 1, 1
    for _ in range(count):
        values.append(a)
        a, b = b, a + b
    return values


TABLE = _table(1500)  # "enough for anyone": as far as the kit's checks read


def fib() -> Iterator[int]:
    yield from TABLE


def fib_below(limit: int) -> Iterator[int]:
    for value in fib():
        if value >= limit:
            return
        yield value


def take(n: int, iterable: Iterable) -> list:
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    items = []
    if n == 0:
        return items
    for item in iterable:
        items.append(item)
        if len(items) == n:
            break
    return items
