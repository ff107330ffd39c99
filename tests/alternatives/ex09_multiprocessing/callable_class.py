"""Alternative: a picklable callable class as the task, split_range from itertools.accumulate, process_cpu_count when present."""
import itertools
import math
import os
from multiprocessing.pool import Pool


def sum_sqrt(start: int, end: int) -> float:
    return math.fsum(math.sqrt(i) for i in range(start, end))


def split_range(start: int, end: int, parts: int) -> list[tuple[int, int]]:
    if parts < 1:
        raise ValueError("parts must be at least 1")
    total = max(0, end - start)
    parts = min(parts, total)
    sizes = [total // parts + (1 if k < total % parts else 0) for k in range(parts)] if parts else []
    edges = list(itertools.accumulate(sizes, initial=start))
    return list(itertools.pairwise(edges))


class ChunkSummer:
    """Sums the square roots of one chunk; instances of a top-level class pickle fine."""

    def __call__(self, chunk):
        return sum_sqrt(*chunk)


def default_workers() -> int:
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    return len(os.sched_getaffinity(0))


def parallel_sum_sqrt(n: int, workers: int | None = None) -> float:
    size = default_workers() if workers is None else workers
    pool = Pool(size)
    try:
        jobs = [pool.apply_async(ChunkSummer(), (chunk,)) for chunk in split_range(1, n + 1, size)]
        values = [job.get() for job in jobs]
    finally:
        pool.close()
        pool.join()
    return math.fsum(values)


if __name__ == "__main__":
    print(parallel_sum_sqrt(4_000_000))
