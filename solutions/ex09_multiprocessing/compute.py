"""تمرین ۹: چندپردازشی (multiprocessing). صورت تمرین در README.md کنار همین فایل است.

Exercise 9: multiprocessing. The task is in README.md beside this file.
"""
from __future__ import annotations

import math
import multiprocessing
import os


def sum_sqrt(start: int, end: int) -> float:
    """The sum of math.sqrt(i) for i in range(start, end)."""
    total = 0.0
    for i in range(start, end):
        total += math.sqrt(i)
    return total


def split_range(start: int, end: int, parts: int) -> list[tuple[int, int]]:
    """Contiguous integer chunks (lo, hi) covering [start, end), sizes differing by at most one."""
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    total = max(0, end - start)
    parts = min(parts, total)
    if parts == 0:
        return []
    size, extra = divmod(total, parts)
    chunks = []
    lo = start
    for k in range(parts):
        hi = lo + size + (1 if k < extra else 0)  # the first `extra` chunks take one more
        chunks.append((lo, hi))
        lo = hi
    return chunks


def usable_cpus() -> int:
    if hasattr(os, "process_cpu_count"):  # Python 3.13+, on every system
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):  # Linux: the CPUs this process may actually use
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parallel_sum_sqrt(n: int, workers: int | None = None) -> float:
    """sum_sqrt(1, n + 1) computed on a multiprocessing.Pool of ``workers`` processes."""
    workers = workers or usable_cpus()
    with multiprocessing.Pool(workers) as pool:
        tasks = [pool.apply_async(sum_sqrt, chunk) for chunk in split_range(1, n + 1, workers)]
        results = [task.get() for task in tasks]  # only after every task has been handed out
        pool.close()
        pool.join()
    return math.fsum(results)


if __name__ == "__main__":  # needed: with spawn (Windows, macOS) every worker imports this file
    import time

    for fn in (lambda: sum_sqrt(1, 20_000_001), lambda: parallel_sum_sqrt(20_000_000)):
        began = time.perf_counter()
        print(fn(), f"{time.perf_counter() - began:.2f} s")
