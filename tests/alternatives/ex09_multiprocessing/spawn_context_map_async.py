"""Alternative: an explicit get_context("spawn") pool, map_async(...).get(), more chunks than workers."""
import math
import multiprocessing as mp
import os


def sum_sqrt(start, end):
    acc = 0.0
    for value in map(math.sqrt, range(start, end)):
        acc += value
    return acc


def split_range(start, end, parts):
    if not parts >= 1:
        raise ValueError("parts")
    if start >= end:
        return []
    parts = min(parts, end - start)
    step, left = divmod(end - start, parts)
    chunks, lo = [], start
    while len(chunks) < parts:
        hi = lo + step + (left > 0)
        left -= 1
        chunks.append((lo, hi))
        lo = hi
    return chunks


def _sum_pair(pair):
    return sum_sqrt(*pair)


def parallel_sum_sqrt(n, workers=None):
    count = workers or len(os.sched_getaffinity(0))
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(count)
    try:
        partials = pool.map_async(_sum_pair, split_range(1, n + 1, 2 * count)).get()
    finally:
        pool.close()
        pool.join()
    return math.fsum(partials)


if __name__ == "__main__":
    print(parallel_sum_sqrt(3_000_000))
