"""تمرین ۱۰: concurrent.futures. صورت تمرین در README.md کنار همین فایل است.

Exercise 10: concurrent.futures. The task is in README.md beside this file.
"""
from __future__ import annotations

import math


def sum_sqrt(start: int, end: int) -> float:
    """The sum of math.sqrt(i) for i in range(start, end) (given, as in exercise 9)."""
    total = 0.0
    for i in range(start, end):
        total += math.sqrt(i)
    return total


def download_all(urls: list[str], *, max_workers: int = 8, timeout: float = 10.0) -> list[int | None]:
    """Body sizes in bytes, in the order of ``urls``, fetched on a ThreadPoolExecutor; None for a failure."""
    raise NotImplementedError("download_all")


def compute_all(ns: list[int], *, max_workers: int | None = None) -> list[float]:
    """sum_sqrt(1, n + 1) for each n, in order, on a ProcessPoolExecutor."""
    raise NotImplementedError("compute_all")


def fastest(urls: list[str], *, timeout: float = 5.0) -> str:
    """The URL whose request completes first (2xx, body read), as soon as it does; TimeoutError if none."""
    raise NotImplementedError("fastest")


if __name__ == "__main__":  # needed: with spawn (Windows, macOS) every worker process imports this file
    print(compute_all([10_000_000, 10_000_000]))
    print(download_all(["https://example.com/", "https://example.org/"]))
