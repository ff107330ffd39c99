"""Mutant: the generator keeps its state in globals, so two generators share it.

catches: fib_independent
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator


_current, _following = 1, 1


def fib() -> Iterator[int]:
    global _current, _following
    while True:
        yield _current
        _current, _following = _following, _current + _following


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
