"""Mutant: take reuses one list (a mutable default argument) for every call: earlier results change.

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


def take(n: int, iterable: Iterable, _items: list = []) -> list:  # noqa: B006 - the mistake on show
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    _items.clear()
    _items.extend(islice(iterable, n))
    return _items
