"""Mutant: take returns [] for a negative n instead of raising ValueError.

catches: take_negative
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
        return []
    items = []
    if n == 0:
        return items
    for item in iterable:
        items.append(item)
        if len(items) == n:
            break
    return items
