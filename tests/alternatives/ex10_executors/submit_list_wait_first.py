"""Alternative: executor.submit lists read back in order; fastest with concurrent.futures.wait(FIRST_COMPLETED) and a deadline."""
import concurrent.futures
import math
import time
import urllib.request


def sum_sqrt(start, end):
    total = 0.0
    for i in range(start, end):
        total += math.sqrt(i)
    return total


def body(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read()


def size_of(url, timeout):
    try:
        return len(body(url, timeout))
    except Exception:
        return None


def download_all(urls, *, max_workers=8, timeout=10.0):
    with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(size_of, url, timeout) for url in urls]
        return [f.result() for f in futures]


def up_to(n):
    return sum_sqrt(1, n + 1)


def compute_all(ns, *, max_workers=None):
    with concurrent.futures.ProcessPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(up_to, n) for n in ns]
        return [f.result() for f in futures]


def fastest(urls, *, timeout=5.0):
    deadline = time.monotonic() + timeout
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(len(urls), 1))
    try:
        pending = {pool.submit(body, url, timeout): url for url in urls}
        while pending:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            done, _ = concurrent.futures.wait(pending, timeout=left,
                                              return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                url = pending.pop(future)
                if future.exception() is None:
                    return url
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    raise TimeoutError(f"none of {len(urls)} URLs answered within {timeout} s")


if __name__ == "__main__":
    print(compute_all([1_000_000, 2_000_000]))
