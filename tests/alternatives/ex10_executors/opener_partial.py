"""Alternative: build_opener().open(Request) with functools.partial; compute_all maps partial(sum_sqrt, 1) over n + 1."""
import functools
import http.client
import math
import time
import urllib.error
import urllib.request
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait


def sum_sqrt(start: int, end: int) -> float:
    acc = 0.0
    for i in range(start, end):
        acc += math.sqrt(i)
    return acc


_opener = urllib.request.build_opener()


def fetch_body(url: str, timeout: float) -> bytes:
    with _opener.open(urllib.request.Request(url, method="GET"), timeout=timeout) as reply:
        if not 200 <= reply.status < 300:
            raise urllib.error.HTTPError(url, reply.status, "not a success", reply.headers, None)
        return reply.read()


def _maybe_size(timeout: float, url: str) -> int | None:
    try:
        return len(fetch_body(url, timeout))
    except (urllib.error.URLError, http.client.HTTPException, OSError):
        return None


def download_all(urls: list[str], *, max_workers: int = 8, timeout: float = 10.0) -> list[int | None]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(functools.partial(_maybe_size, timeout), urls))


def compute_all(ns: list[int], *, max_workers: int | None = None) -> list[float]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(functools.partial(sum_sqrt, 1), [n + 1 for n in ns]))


def fastest(urls: list[str], *, timeout: float = 5.0) -> str:
    started = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=max(1, len(urls)))
    waiting = {pool.submit(fetch_body, url, timeout): url for url in urls}
    try:
        while waiting:
            remaining = timeout - (time.monotonic() - started)
            done, _ = wait(waiting, timeout=max(remaining, 0), return_when=FIRST_COMPLETED)
            if not done:
                break
            for fut in done:
                url = waiting.pop(fut)
                if not fut.exception():
                    return url
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    raise TimeoutError("no URL answered with success")


if __name__ == "__main__":
    print(compute_all([1000, 2000]))
