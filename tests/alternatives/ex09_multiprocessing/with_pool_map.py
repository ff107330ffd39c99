"""Alternative: `with multiprocessing.Pool(...)` left once the results are in (no close/join), pool.map over (lo, hi) pairs."""
import math
import multiprocessing
import os


def sum_sqrt(start: int, end: int) -> float:
    return sum(math.sqrt(i) for i in range(start, end))


def split_range(start: int, end: int, parts: int) -> list[tuple[int, int]]:
    if parts < 1:
        raise ValueError(f"need at least one part, got {parts}")
    count = max(end - start, 0)
    parts = min(parts, count)
    chunks = []
    lo = start
    for k in range(parts):
        size = count // parts + (1 if k < count % parts else 0)
        chunks.append((lo, lo + size))
        lo += size
    return chunks


def _chunk_sum(bounds: tuple[int, int]) -> float:
    lo, hi = bounds
    return sum_sqrt(lo, hi)


def parallel_sum_sqrt(n: int, workers: int | None = None) -> float:
    workers = workers or len(os.sched_getaffinity(0))
    with multiprocessing.Pool(workers) as pool:
        sums = pool.map(_chunk_sum, split_range(1, n + 1, workers))
    return sum(sums)


if __name__ == "__main__":
    print(parallel_sum_sqrt(5_000_000))
