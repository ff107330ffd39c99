"""Alternative: `from x import y` everywhere, starmap, explicit close()/join(), the usable CPU count by affinity."""
from math import fsum, sqrt
from multiprocessing import Pool
from os import cpu_count, sched_getaffinity


def sum_sqrt(start, end):
    return fsum(sqrt(i) for i in range(start, end))


def split_range(start, end, parts):
    if parts < 1:
        raise ValueError("split_range: parts < 1")
    total = end - start
    if total <= 0:
        return []
    used = min(parts, total)
    small, big = divmod(total, used)
    out = []
    lo = start
    for index in range(used):
        hi = lo + small + (1 if index < big else 0)
        out.append((lo, hi))
        lo = hi
    return out


def _usable():
    try:
        return len(sched_getaffinity(0))
    except (AttributeError, OSError):
        return cpu_count() or 1


def parallel_sum_sqrt(n, workers=None):
    size = workers if workers is not None else _usable()
    pool = Pool(size)
    results = pool.starmap(sum_sqrt, split_range(1, n + 1, size))
    pool.close()
    pool.join()
    return fsum(results)


if __name__ == "__main__":
    print(parallel_sum_sqrt(1_000_000))
