"""Mutant: take compares the count with `is`; true for small ints only, so take(1000, fib()) never stops.

catches: take_infinite
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator


def fib() -> Iterator[int]:
    current, following = 1, 1
    while True:
        yield current
        current, following = following, current + following


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
        if len(items) is n:
            break
    return items
