"""Alternative: imap_unordered over numbered chunks, results put back in chunk order before summing."""
import math
import multiprocessing
import os


def sum_sqrt(start, end):
    return math.fsum(map(math.sqrt, range(start, end)))


def split_range(start, end, parts):
    if parts < 1:
        raise ValueError("parts must be >= 1")
    n = max(0, end - start)
    k = min(parts, n)
    if k == 0:
        return []
    q, r = divmod(n, k)
    edges = [start + i * q + min(i, r) for i in range(k + 1)]
    return [(edges[i], edges[i + 1]) for i in range(k)]


def numbered_sum(item):
    index, (lo, hi) = item
    return index, sum_sqrt(lo, hi)


def parallel_sum_sqrt(n, workers=None):
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    chunks = split_range(1, n + 1, workers)
    ordered = [0.0] * len(chunks)
    with multiprocessing.Pool(workers) as pool:
        for index, value in pool.imap_unordered(numbered_sum, enumerate(chunks)):
            ordered[index] = value
        pool.close()
        pool.join()
    return math.fsum(ordered)


if __name__ == "__main__":
    print(parallel_sum_sqrt(2_000_000))
