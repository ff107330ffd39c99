"""تمرین ۱: ژنراتورها. صورت تمرین در README.md کنار همین فایل است.

Exercise 1: generators. The task is in README.md beside this file.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator


def fib() -> Iterator[int]:
    """Yield 1, 1, 2, 3, 5, 8, … forever."""
    raise NotImplementedError("fib")


def fib_below(limit: int) -> Iterator[int]:
    """Lazily give the Fibonacci numbers strictly below ``limit``."""
    raise NotImplementedError("fib_below")


def take(n: int, iterable: Iterable) -> list:
    """The first ``n`` items of ``iterable``, pulling no more than needed."""
    raise NotImplementedError("take")


if __name__ == "__main__":
    print(list(fib_below(1000)))
    print(take(10, fib()))
