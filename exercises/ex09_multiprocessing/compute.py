"""تمرین ۹: چندپردازشی (multiprocessing). صورت تمرین در README.md کنار همین فایل است.

Exercise 9: multiprocessing. The task is in README.md beside this file.
"""
from __future__ import annotations


def sum_sqrt(start: int, end: int) -> float:
    """The sum of math.sqrt(i) for i in range(start, end)."""
    raise NotImplementedError("sum_sqrt")


def split_range(start: int, end: int, parts: int) -> list[tuple[int, int]]:
    """Contiguous integer chunks (lo, hi) covering [start, end), sizes differing by at most one."""
    raise NotImplementedError("split_range")


def parallel_sum_sqrt(n: int, workers: int | None = None) -> float:
    """sum_sqrt(1, n + 1) computed on a multiprocessing.Pool of ``workers`` processes."""
    raise NotImplementedError("parallel_sum_sqrt")


if __name__ == "__main__":  # needed: with spawn (Windows, macOS) every worker imports this file
    import time

    for fn in (lambda: sum_sqrt(1, 20_000_001), lambda: parallel_sum_sqrt(20_000_000)):
        began = time.perf_counter()
        print(fn(), f"{time.perf_counter() - began:.2f} s")
