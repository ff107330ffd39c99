"""Alternative: as_completed with a future -> index map filling a list; ProcessPoolExecutor.map with a chunksize."""
import concurrent.futures
import math
import os
import urllib.error
import urllib.request


def sum_sqrt(start, end):
    return math.fsum(map(math.sqrt, range(start, end)))


def _size(url, timeout):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return len(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None
    except Exception:  # e.g. http.client.RemoteDisconnected is an OSError; anything else odd is a failure too
        return None


def download_all(urls, *, max_workers=8, timeout=10.0):
    sizes = [None] * len(urls)
    with concurrent.futures.ThreadPoolExecutor(max_workers) as pool:
        where = {pool.submit(_size, url, timeout): i for i, url in enumerate(urls)}
        for future in concurrent.futures.as_completed(where):
            sizes[where[future]] = future.result()
    return sizes


def _total(n):
    return sum_sqrt(1, n + 1)


def compute_all(ns, *, max_workers=None):
    workers = max_workers or os.cpu_count() or 1
    chunk = max(1, len(ns) // (4 * workers))
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_total, ns, chunksize=chunk))


def _fetch(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
    return url


def fastest(urls, *, timeout=5.0):
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(urls) or 1)
    futures = [pool.submit(_fetch, url, timeout) for url in urls]
    try:
        for future in concurrent.futures.as_completed(futures, timeout=timeout):
            try:
                return future.result()
            except Exception:
                continue
    except concurrent.futures.TimeoutError:
        pass
    finally:
        pool.shutdown(wait=False)
    raise TimeoutError("no URL succeeded in time")


if __name__ == "__main__":
    print(compute_all([10, 100, 1000]))
