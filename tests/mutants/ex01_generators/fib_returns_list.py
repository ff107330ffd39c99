"""Mutant: fib() builds and returns a (finite) list instead of yielding.

catches: fib_is_generator
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator


def fib() -> Iterator[int]:
    numbers, current, following = [], 1, 1
    while len(numbers) < 100:
        numbers.append(current)
        current, following = following, current + following
    return iter(numbers)


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
