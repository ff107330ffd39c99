"""Alternative: fastest with add_done_callback and a threading.Event; a Fetcher class; a spawn mp_context for compute_all."""
import concurrent.futures as cf
import math
import multiprocessing
import threading
import urllib.request


def sum_sqrt(start, end):
    return sum(math.sqrt(i) for i in range(start, end))


class Fetcher:
    def __init__(self, timeout):
        self.timeout = timeout

    def body(self, url):
        with urllib.request.urlopen(url, timeout=self.timeout) as r:
            return r.read()

    def size(self, url):
        try:
            return len(self.body(url))
        except OSError:  # HTTPError, URLError, socket timeouts
            return None
        except Exception:
            return None


def download_all(urls, *, max_workers=8, timeout=10.0):
    fetcher = Fetcher(timeout)
    with cf.ThreadPoolExecutor(max_workers=max_workers) as ex:
        return list(ex.map(fetcher.size, urls))


def total(n):
    return sum_sqrt(1, n + 1)


def compute_all(ns, *, max_workers=None):
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=max_workers, mp_context=ctx) as ex:
        futs = [ex.submit(total, n) for n in ns]
    return [f.result() for f in futs]


def fastest(urls, *, timeout=5.0):
    fetcher = Fetcher(timeout)
    won = threading.Event()
    lock = threading.Lock()
    state = {"winner": None, "left": len(urls)}

    def finished(url, future):
        with lock:
            state["left"] -= 1
            if future.exception() is None and state["winner"] is None:
                state["winner"] = url
            if state["winner"] is not None or state["left"] == 0:
                won.set()

    ex = cf.ThreadPoolExecutor(max_workers=max(1, len(urls)))
    for url in urls:
        ex.submit(fetcher.body, url).add_done_callback(lambda f, u=url: finished(u, f))
    ex.shutdown(wait=False)
    won.wait(timeout)
    with lock:
        winner = state["winner"]
    if winner is None:
        raise TimeoutError(f"no successful answer within {timeout} s")
    return winner


if __name__ == "__main__":
    print(compute_all([5, 50]))
