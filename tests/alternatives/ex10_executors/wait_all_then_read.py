"""Alternative: download_all waits for all futures with wait(ALL_COMPLETED) then reads them in order; Future.result via map."""
import concurrent.futures
import math
import os
import socket
import urllib.error
import urllib.request


def sum_sqrt(start, end):
    return math.fsum([math.sqrt(i) for i in range(start, end)])


def _download(url, timeout):
    try:
        response = urllib.request.urlopen(url, timeout=timeout)
    except (urllib.error.HTTPError, urllib.error.URLError, socket.timeout, ConnectionError):
        return None
    except OSError:
        return None
    with response:
        try:
            return len(response.read())
        except Exception:
            return None


def download_all(urls, *, max_workers=8, timeout=10.0):
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=max_workers)
    try:
        futures = [executor.submit(_download, url, timeout) for url in urls]
        concurrent.futures.wait(futures, return_when=concurrent.futures.ALL_COMPLETED)
        return list(map(concurrent.futures.Future.result, futures))
    finally:
        executor.shutdown(wait=True)


def _job(n):
    return sum_sqrt(1, n + 1)


def compute_all(ns, *, max_workers=None):
    executor = concurrent.futures.ProcessPoolExecutor(max_workers=max_workers or os.cpu_count())
    try:
        return [future.result() for future in [executor.submit(_job, n) for n in ns]]
    finally:
        executor.shutdown()


def _ok(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return url


def fastest(urls, *, timeout=5.0):
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(urls)))
    futures = [executor.submit(_ok, url, timeout) for url in urls]
    executor.shutdown(wait=False, cancel_futures=False)
    try:
        for future in concurrent.futures.as_completed(futures, timeout=timeout):
            if future.exception() is None:
                return future.result()
    except concurrent.futures.TimeoutError:
        raise TimeoutError(f"no URL succeeded within {timeout} s") from None
    raise TimeoutError("every URL failed")


if __name__ == "__main__":
    print(compute_all([10]))
