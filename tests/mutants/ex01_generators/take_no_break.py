"""Mutant: take swallows StopIteration with `pass` instead of stopping, so it loops on to n (hangs for a huge n).

catches: take_values
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator


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
    it = iter(iterable)
    items = []
    for _ in range(n):
        try:
            items.append(next(it))
        except StopIteration:
            pass
    return items
