"""Mutant: download_all counts only the statuses it has seen succeed (200 and 201) as a success; 202 or 203 give None.

catches: drawn_downloads
"""
from __future__ import annotations

import concurrent.futures
import http.client
import math
import urllib.error
import urllib.request


def sum_sqrt(start: int, end: int) -> float:
    """The sum of math.sqrt(i) for i in range(start, end) (given, as in exercise 9)."""
    total = 0.0
    for i in range(start, end):
        total += math.sqrt(i)
    return total


def fetch(url: str, timeout: float) -> bytes:
    """The body of a 2xx answer; urlopen raises HTTPError for an error status."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        if response.status not in (200, 201):
            raise ValueError(f"status {response.status}")
        return response.read()


def size_or_none(url: str, timeout: float) -> int | None:
    try:
        return len(fetch(url, timeout))
    except (OSError, http.client.HTTPException, ValueError):  # URLError and timeouts are OSErrors
        return None


def download_all(urls: list[str], *, max_workers: int = 8, timeout: float = 10.0) -> list[int | None]:
    """Body sizes in bytes, in the order of ``urls``, fetched on a ThreadPoolExecutor; None for a failure."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(size_or_none, urls, [timeout] * len(urls)))  # map keeps the input order


def total_up_to(n: int) -> float:
    return sum_sqrt(1, n + 1)


def compute_all(ns: list[int], *, max_workers: int | None = None) -> list[float]:
    """sum_sqrt(1, n + 1) for each n, in order, on a ProcessPoolExecutor."""
    with concurrent.futures.ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(total_up_to, ns))


def fastest(urls: list[str], *, timeout: float = 5.0) -> str:
    """The URL whose request completes first (2xx, body read), as soon as it does; TimeoutError if none."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(urls)))
    try:  # no `with`: leaving it would wait for every download, the slowest included
        futures = {pool.submit(fetch, url, timeout): url for url in urls}
        for future in concurrent.futures.as_completed(futures, timeout=timeout):
            if future.exception() is None:
                return futures[future]
    except concurrent.futures.TimeoutError:  # not the built-in TimeoutError before Python 3.11
        pass
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # the slower requests end on their own
    raise TimeoutError(f"no URL answered successfully within {timeout} s")


if __name__ == "__main__":  # needed: with spawn (Windows, macOS) every worker process imports this file
    print(compute_all([10_000_000, 10_000_000]))
    print(download_all(["https://example.com/", "https://example.org/"]))
