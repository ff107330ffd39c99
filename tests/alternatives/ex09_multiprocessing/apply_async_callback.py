"""Alternative: apply_async with a callback filling results by chunk index; close()/join() in a finally; os.cpu_count() default."""
import math
import multiprocessing
import os


def sum_sqrt(start, end):
    total = 0.0
    i = start
    while i < end:
        total += math.sqrt(i)
        i += 1
    return total


def split_range(start, end, parts):
    if parts < 1:
        raise ValueError("parts must be positive")
    length = end - start
    if length <= 0:
        return []
    parts = min(parts, length)
    base, rest = divmod(length, parts)
    bounds = [start]
    for k in range(parts):
        bounds.append(bounds[-1] + base + (k < rest))
    return list(zip(bounds[:-1], bounds[1:]))


def parallel_sum_sqrt(n, workers=None):
    if workers is None:
        workers = os.cpu_count() or 1
    chunks = split_range(1, n + 1, workers)
    partial = [0.0] * len(chunks)

    def keep(index):
        def store(value):
            partial[index] = value
        return store

    pool = multiprocessing.Pool(processes=workers)
    try:
        pending = [pool.apply_async(sum_sqrt, chunk, callback=keep(k)) for k, chunk in enumerate(chunks)]
        for job in pending:
            job.wait()
            if not job.successful():
                job.get()  # re-raises the worker's exception
    finally:
        pool.close()
        pool.join()
    return math.fsum(partial)


if __name__ == "__main__":
    print(parallel_sum_sqrt(10_000_000))
