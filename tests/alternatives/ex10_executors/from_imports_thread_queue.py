"""Alternative: `from x import y` everywhere; fastest collects results from plain threads through a queue; resp.read() then close()."""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from http.client import HTTPException
from math import sqrt
from queue import Empty, Queue
from threading import Thread
from time import monotonic
from urllib.error import HTTPError, URLError
from urllib.request import urlopen


def sum_sqrt(start, end):
    s = 0.0
    for k in range(start, end):
        s += sqrt(k)
    return s


def read_body(url, timeout):
    resp = urlopen(url, timeout=timeout)
    try:
        return resp.read()
    finally:
        resp.close()


def length_or_none(url, timeout):
    try:
        return len(read_body(url, timeout))
    except HTTPError:
        return None
    except (URLError, HTTPException, OSError):
        return None


def download_all(urls, *, max_workers=8, timeout=10.0):
    with ThreadPoolExecutor(max_workers=max_workers) as executor:
        return list(executor.map(lambda u: length_or_none(u, timeout), urls))


def sum_to(n):
    return sum_sqrt(1, n + 1)


def compute_all(ns, *, max_workers=None):
    with ProcessPoolExecutor(max_workers) as executor:
        return list(executor.map(sum_to, ns))


def fastest(urls, *, timeout=5.0):
    answers = Queue()

    def attempt(url):
        try:
            read_body(url, timeout)
        except Exception:
            answers.put((False, url))
        else:
            answers.put((True, url))

    for url in urls:
        Thread(target=attempt, args=(url,), daemon=True).start()
    end = monotonic() + timeout
    for _ in urls:
        try:
            ok, url = answers.get(timeout=max(0.0, end - monotonic()))
        except Empty:
            break
        if ok:
            return url
    raise TimeoutError("nothing succeeded")


if __name__ == "__main__":
    print(compute_all([100, 200]))
