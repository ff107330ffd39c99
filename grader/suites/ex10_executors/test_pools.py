"""Hidden checks for ex10_executors (pools.py).

Downloads go to a real aiohttp server on loopback (grader.checks.server) that
imposes each URL's latency, status and body size and counts the requests in
flight; timing checks compare with those latencies, never with absolute
durations. Process pools start their workers with ``spawn`` (Windows, macOS).

On a free-threaded build (``sys._is_gil_enabled()`` is False) a thread pool
would speed up the computing too; so the choice of executor is judged by
where the work ran, seen from outside with psutil (``compute_in_processes``,
``downloads_in_threads``), on every build.
"""
from __future__ import annotations

import concurrent.futures
import functools
import math
import multiprocessing
import threading
import time

import pools as student
import pytest

from grader.checks import CheckFailed, check, children, expect, fail, record, speedup
from grader.checks.clocks import note_wall_clock
from grader.checks.deadline import call_with_deadline
from grader.checks.server import LoopbackServer, page_html, refused_url
from grader.checks.spawn import light_main
from grader.checks.threads import left_behind
from grader.checks.values import close_to

multiprocessing.set_start_method("spawn", force=True)

CPUS = speedup.usable_cpus()
BEFORE = set(children.workers())  # processes already running when the suite began
TOLERANCE = 1e-9
SLOW = 4.0  # latency of the slow URL in the fastest() check
SERIAL_SECONDS = 2.0  # CPU seconds of the serial computation in the speedup check (4 sums)
TOOK_TURNS = (("Submit every job first (or use executor.map) and collect the results afterwards: future.result() "
               "right after each submit waits before the next job is even sent."),
              ("اول همهٔ کارها را submit کنید (یا از executor.map استفاده کنید) و بعد نتیجه‌ها را بگیرید: "
               "future.result() درست پس از هر submit منتظر می‌ماند و کار بعدی تازه پس از آن فرستاده می‌شود."))
TOO_SLOW = ("Send each sum to the pool as one job.", "هر جمع را به‌صورت یک کار به Pool بفرستید.")


def limited(fn, *args, seconds: float, en: str, fa: str, **kwargs):
    """Call ``fn``; if it has not returned within ``seconds``, fail with en/fa (it is no deadlock here)."""
    try:
        return call_with_deadline(fn, *args, seconds=seconds, **kwargs)
    except CheckFailed:  # raised only when the call did not return in time
        fail(en, fa)


def download_all(urls, **kwargs):
    return limited(student.download_all, urls, seconds=30, **kwargs,
                   en="download_all did not return within 30 s; a URL that never answers must give None once "
                      "`timeout` seconds pass (pass timeout to urlopen).",
                   fa="download_all در ۳۰ ثانیه برنگشت؛ URLی که هرگز پاسخ نمی‌دهد باید پس از `timeout` ثانیه None "
                      "بدهد (timeout را به urlopen بدهید).")


def compute_all(ns, **kwargs):
    with light_main():
        return limited(student.compute_all, ns, seconds=60, **kwargs,
                       en="compute_all did not return within 60 s.", fa="compute_all در ۶۰ ثانیه برنگشت.")


def fastest(urls, **kwargs):
    return limited(student.fastest, urls, seconds=30, **kwargs,
                   en="fastest did not return within 30 s.", fa="fastest در ۳۰ ثانیه برنگشت.")


@functools.lru_cache(maxsize=None)  # a check asks for the same sums again and again
def exact(n: int) -> float:
    return math.fsum(map(math.sqrt, range(1, n + 1)))


def same_sums(got, ns) -> bool:
    return (isinstance(got, list) and len(got) == len(ns)
            and all(close_to(g, exact(n), TOLERANCE) for g, n in zip(got, ns)))


@pytest.fixture(scope="module")
def server():
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def srv(server):
    """The server, counting afresh: a request an earlier check left running is not counted here."""
    server.reset()
    return server


@pytest.fixture(scope="module")
def big_n() -> int:
    """An n for which the student's module takes about SERIAL_SECONDS / 4 to compute sum_sqrt(1, n + 1)."""
    return speedup.calibrate(lambda n: student.sum_sqrt(1, n + 1), small=200_000, seconds=SERIAL_SECONDS / 4,
                             largest=50_000_000)


@check("download_sizes")
def test_download_sizes(srv):
    urls = [srv.page_url(1, size=100), srv.page_url(2, size=2345), srv.page_url(3, status=404, size=50),
            srv.page_url(4, status=500), refused_url(), srv.url("/drop"), srv.page_url(5, size=1)]
    got = download_all(urls, timeout=5.0)
    want = [100, 2345, None, None, None, None, 1]
    expect(got == want, f"download_all gave {got!r} for pages of 100 and 2345 bytes, a 404, a 500, a refused "
           f"connection, a dropped connection and a page of 1 byte; expected {want!r}. urlopen raises HTTPError "
           "for an error status: catch it (and URLError, OSError) and give None.",
           f"download_all برای صفحه‌های ۱۰۰ و ۲۳۴۵ بایتی، یک 404، یک 500، اتصال ردشده، اتصال قطع‌شده و صفحهٔ ۱ "
           f"بایتی مقدار {got!r} را داد؛ انتظار {want!r} می‌رفت. urlopen برای وضعیت خطا HTTPError می‌دهد: آن را (و "
           "URLError و OSError را) بگیرید و None بدهید.")
    title = "درود بر شما"  # non-ASCII: its UTF-8 body has more bytes than characters
    urls, want = [srv.page_url(7, title=title), srv.page_url(8, status=201, size=7)], [len(page_html(title, None)), 7]
    got = download_all(urls, timeout=5.0)
    expect(got == want, f"download_all gave {got!r} for a page whose body is {want[0]} bytes of UTF-8 (fewer "
           f"characters) and a 201 Created answer of 7 bytes; expected {want!r}. The size is len() of the bytes "
           "read, not of the decoded text, and every 2xx status is a success.",
           f"download_all برای صفحه‌ای که بدنه‌اش {want[0]} بایت UTF-8 است (با نویسه‌های کمتر) و یک پاسخ 201 Created "
           f"با ۷ بایت مقدار {got!r} را داد؛ انتظار {want!r} می‌رفت. اندازه len() بایت‌های خوانده‌شده است، نه متن "
           "decodeشده، و هر وضعیت 2xx موفق است.")
    got = download_all([], timeout=5.0)
    expect(got == [], f"download_all([]) gave {got!r}; expected [] (no URL, no size).",
           f"download_all([]) مقدار {got!r} را داد؛ انتظار [] می‌رفت (بی URL، بی اندازه).")
    began = time.monotonic()
    got = download_all([srv.url("/hang"), srv.page_url(6, size=10)], timeout=0.5)
    took = time.monotonic() - began
    expect(got == [None, 10], f"With timeout=0.5, a URL that never answers and a page of 10 bytes gave {got!r}; "
           "expected [None, 10].", f"با timeout=0.5، یک URL که هرگز پاسخ نمی‌دهد و صفحه‌ای ۱۰ بایتی مقدار {got!r} "
           "را دادند؛ انتظار [None, 10] می‌رفت.")
    expect(took < 4 * 0.5, f"With timeout=0.5, download_all took {took:.1f} s to give up on a URL that never "
           "answers: pass the caller's timeout to urlopen, not one of your own.",
           f"با timeout=0.5، download_all {took:.1f} ثانیه طول کشید تا از URLی که هرگز پاسخ نمی‌دهد دست بکشد: "
           "timeoutی را که فراخواننده داده به urlopen بدهید، نه مقداری از خودتان.")


@check("in_order")
def test_in_order(srv):
    sizes = [500, 400, 300, 200, 100]
    urls = [srv.page_url(i, size=s, delay=s / 1000) for i, s in enumerate(sizes)]  # the first is the slowest
    urls.append(urls[1])  # the same URL twice: each place gets its own answer
    sizes.append(sizes[1])
    got = download_all(urls)
    expect(got == sizes, f"download_all gave {got!r}; expected {sizes!r}, in the order of urls (the first URL "
           "was the slowest, and the second comes again last). Results in completion order (as_completed) mix them "
           "up, and urls.index(url) finds only the first place of a URL; executor.map, or the futures in the order "
           "they were submitted, keep the order.",
           f"download_all مقدار {got!r} را داد؛ انتظار {sizes!r} به ترتیب urls می‌رفت (اولین URL کندترین بود و "
           "دومی در آخر دوباره آمده است). نتیجه‌ها به ترتیب پایان (as_completed) جابه‌جا می‌شوند و urls.index(url) "
           "فقط اولین جای یک URL را پیدا می‌کند؛ executor.map، یا futureها به همان ترتیبی که فرستاده شدند، ترتیب را "
           "نگه می‌دارند.")
    ns = [400_000, 1000, 10]
    got = compute_all(ns, max_workers=2)
    expect(same_sums(got, ns), f"compute_all({ns}) gave {got!r}; expected the sums in the order of ns.",
           f"compute_all({ns}) مقدار {got!r} را داد؛ انتظار جمع‌ها به ترتیب ns می‌رفت.")


@check("downloads_in_threads")
def test_downloads_in_threads(srv):
    urls = [srv.page_url(i, size=10, delay=0.3) for i in range(8)]
    before = set(children.workers())
    with children.watch() as seen:
        got = download_all(urls, max_workers=8)
    started = {pid for sample in seen.samples for pid in sample} - before
    expect(got == [10] * 8, f"download_all gave {got!r}; expected [10] * 8.",
           f"download_all مقدار {got!r} را داد؛ انتظار [10] * 8 می‌رفت.")
    expect(not started, f"download_all started {len(started)} processes. Downloads spend their time waiting, "
           "which threads do well and cheaply; a process pool only adds start-up cost (and pickling). Use a "
           "ThreadPoolExecutor.", f"download_all {len(started)} پردازه راه انداخت. دانلود بیشتر وقتش منتظر است و "
           "نخ‌ها این کار را خوب و ارزان انجام می‌دهند؛ ProcessPoolExecutor فقط هزینهٔ راه‌اندازی (و pickle) اضافه "
           "می‌کند. از ThreadPoolExecutor استفاده کنید.")
    expect(srv.max_in_flight == 8, f"At most {srv.max_in_flight} of 8 requests were in flight at once with "
           "max_workers=8; all 8 should overlap.", f"با max_workers=8 حداکثر {srv.max_in_flight} درخواست از ۸ "
           "درخواست هم‌زمان در جریان بود؛ هر ۸ باید هم‌پوشانی داشته باشند.")


@check("download_limit")
@pytest.mark.parametrize("count,workers", [(12, 3), (12, None)])
def test_download_limit(srv, count, workers):
    limit = 8 if workers is None else workers
    urls = [srv.page_url(i, size=10, delay=0.2) for i in range(count)]
    got = download_all(urls) if workers is None else download_all(urls, max_workers=workers)
    expect(got == [10] * count, f"download_all gave {got!r}.", f"download_all مقدار {got!r} را داد.")
    shown = "the default max_workers" if workers is None else f"max_workers={workers}"
    expect(srv.max_in_flight == limit,
           f"With {shown} and {count} URLs, {srv.max_in_flight} requests were in flight at once; expected exactly "
           f"{limit}. Pass max_workers to ThreadPoolExecutor (its own default depends on the CPU count).",
           f"با {shown} و {count} URL، {srv.max_in_flight} درخواست هم‌زمان در جریان بود؛ دقیقاً {limit} انتظار "
           "می‌رفت. max_workers را به ThreadPoolExecutor بدهید (پیش‌فرض خودش به تعداد CPU بستگی دارد).")


@check("compute_results")
def test_compute_results():
    ns = [10, 1000, 0, 54_321]
    got = compute_all(ns, max_workers=2)
    expect(same_sums(got, ns), f"compute_all({ns}) gave {got!r}; expected {[exact(n) for n in ns]!r}.",
           f"compute_all({ns}) مقدار {got!r} را داد؛ انتظار {[exact(n) for n in ns]!r} می‌رفت.")
    got = compute_all([20_000])
    expect(same_sums(got, [20_000]), f"compute_all([20000]) with the default max_workers gave {got!r}.",
           f"compute_all([20000]) با max_workers پیش‌فرض مقدار {got!r} را داد.")
    got = compute_all([])
    expect(got == [], f"compute_all([]) gave {got!r}; expected [].", f"compute_all([]) مقدار {got!r} را داد؛ انتظار [] می‌رفت.")


@check("compute_in_processes")
def test_compute_in_processes(big_n):
    ns = [big_n] * 4
    began = time.thread_time()
    student.sum_sqrt(1, big_n + 1)
    cpu = 4 * (time.thread_time() - began)
    with children.watch() as seen:
        got = compute_all(ns, max_workers=2)
    expect(same_sums(got, ns), f"compute_all gave {got!r}.", f"compute_all مقدار {got!r} را داد.")
    expect(seen.cpu_seconds >= 0.3 * cpu,
           f"compute_all(ns, max_workers=2) used {seen.cpu_seconds:.2f} s of CPU in other processes for work that "
           f"costs {cpu:.2f} s: it ran in this process. A thread pool shares one process and, with the GIL, one "
           "CPU, so computing gets no faster; use a ProcessPoolExecutor.",
           f"compute_all(ns, max_workers=2) در پردازه‌های دیگر {seen.cpu_seconds:.2f} ثانیه CPU مصرف کرد، برای کاری "
           f"که {cpu:.2f} ثانیه هزینه دارد: محاسبه در همین پردازه انجام شد. نخ‌ها یک پردازه و با GIL یک CPU دارند، "
           "پس محاسبه سریع‌تر نمی‌شود؛ از ProcessPoolExecutor استفاده کنید.")
    ns = [20_000] * 4
    before = set(children.workers())
    with children.watch() as seen:
        got = compute_all(ns, max_workers=1)
    alive = seen.most_alive(before)
    expect(same_sums(got, ns), f"compute_all({ns}, max_workers=1) gave {got!r}.",
           f"compute_all({ns}, max_workers=1) مقدار {got!r} را داد.")
    expect(alive <= 1, f"compute_all({ns}, max_workers=1) ran {alive} worker processes at once; at most 1 expected. "
           "Pass max_workers to ProcessPoolExecutor (its own default is the CPU count).",
           f"compute_all({ns}, max_workers=1) هم‌زمان {alive} پردازهٔ کارگر داشت؛ حداکثر ۱ انتظار می‌رفت. "
           "max_workers را به ProcessPoolExecutor بدهید (پیش‌فرض خودش تعداد CPUهاست).")


def reference_compute(ns: list[int]) -> list[float]:
    """A known-good process pool over the student's own sum_sqrt: what the machine allows right now."""
    with light_main(), concurrent.futures.ProcessPoolExecutor(CPUS) as pool:
        return list(pool.map(student.sum_sqrt, [1] * len(ns), [n + 1 for n in ns]))


@check("compute_speedup")
def test_compute_speedup(big_n):
    speedup.need_several_cpus(CPUS)
    ns = [big_n] * 4
    found = speedup.compare(lambda: compute_all(ns, max_workers=CPUS), lambda: reference_compute(ns))
    speedup.judge(found, took_turns=TOOK_TURNS, too_slow=TOO_SLOW)


@check("fastest_first")
def test_fastest_first(srv):
    fast = srv.page_url("fast", delay=0.2)
    urls = [srv.page_url("slow", delay=SLOW), srv.page_url("broken", status=500), refused_url(), fast]
    began = time.monotonic()
    got = fastest(urls, timeout=3 * SLOW)
    took = time.monotonic() - began
    expect(got == fast, f"fastest returned {got!r}; expected the URL answering after 0.2 s ({fast}). Failed "
           "requests (an error status, a refused connection) do not count.",
           f"fastest مقدار {got!r} را برگرداند؛ انتظار URLی می‌رفت که پس از ۰٫۲ ثانیه پاسخ می‌دهد ({fast}). "
           "درخواست‌های ناموفق (وضعیت خطا، اتصال ردشده) حساب نمی‌شوند.")
    record("fastest's wait, as a share of the slow URL's latency", took / SLOW, 0.25, unit="share")
    expect(took < SLOW / 4,
           f"fastest returned after {took:.1f} s, although the fast URL answers after 0.2 s and the slow one after "
           f"{SLOW:g} s: it waited for the slow one. Leaving a `with ThreadPoolExecutor()` block waits for every "
           "future; return from outside such a block, and shut the pool down with wait=False.",
           f"fastest پس از {took:.1f} ثانیه برگشت، در حالی که URL سریع پس از ۰٫۲ و URL کند پس از {SLOW:g} ثانیه "
           "پاسخ می‌دهد: منتظر URL کند ماند. بیرون آمدن از بلوک `with ThreadPoolExecutor()` منتظر همهٔ futureها "
           "می‌ماند؛ بیرون از چنین بلوکی برگردید و Pool را با wait=False ببندید.")


@check("fastest_timeout")
def test_fastest_timeout(srv):
    late = [srv.page_url(3, status=500, delay=0.6), srv.page_url(4, status=500, delay=1.2),
            srv.page_url(5, delay=3.0, trickle=6)]  # failures at 0.6 and 1.2 s, a success whose body ends at 3 s
    for urls, timeout in (([srv.url("/hang"), srv.page_url(1, status=404)], 1.0),
                          ([srv.page_url(2, status=500), refused_url()], 2.0), (late, 2.0)):
        began = time.monotonic()
        try:
            got = fastest(urls, timeout=timeout)
        except (TimeoutError, concurrent.futures.TimeoutError):
            took = time.monotonic() - began
            expect(took < 2 * timeout,
                   f"fastest raised TimeoutError after {took:.1f} s with timeout={timeout}: it must give up once "
                   "`timeout` seconds have passed, the timeout the caller gave (pass it to as_completed or wait, "
                   "and to urlopen).",
                   f"fastest پس از {took:.1f} ثانیه با timeout={timeout} خطای TimeoutError داد: باید وقتی `timeout` "
                   "ثانیه گذشت دست بکشد، همان timeoutی که فراخواننده داده است (آن را به as_completed یا wait و به "
                   "urlopen بدهید).")
            continue
        fail(f"fastest returned {got!r} although no URL succeeded within timeout={timeout}; it must raise "
             "TimeoutError once `timeout` seconds have passed since the call, however many requests failed before "
             "(a wait() or urlopen timeout that starts again for each step counts from the wrong moment).",
             f"fastest مقدار {got!r} را برگرداند، در حالی که هیچ URLی در timeout={timeout} موفق نشد؛ باید وقتی "
             "`timeout` ثانیه از فراخوانی گذشت TimeoutError بدهد، هر چند درخواست هم که پیش از آن شکست خورده باشند "
             "(timeout یک wait() یا urlopen که برای هر قدم از نو شروع می‌شود، از لحظهٔ اشتباهی می‌شمارد).")
    note_wall_clock(student)


@check("no_leftovers")
def test_no_leftovers(srv):
    threads_before = set(threading.enumerate())
    download_all([srv.page_url(i, size=10) for i in range(4)], max_workers=4)
    compute_all([1000, 2000], max_workers=2)
    threads, procs = left_behind(threads_before, grace=0.5), children.left_behind(BEFORE, grace=1.0)
    expect(not threads and not procs,
           f"After download_all and compute_all returned, {len(threads)} thread(s) and {len(procs)} process(es) "
           "they started were still running. Shut every executor down (a `with` block does it) before returning.",
           f"پس از برگشتن download_all و compute_all، {len(threads)} نخ و {len(procs)} پردازه که ساخته بودند هنوز "
           "زنده بودند. پیش از برگرداندن نتیجه هر executor را shutdown کنید (بلوک `with` این کار را می‌کند).")
    timeout = 2.0
    fastest([srv.page_url("slow", delay=1.0), srv.url("/hang"), srv.page_url("fast", delay=0.1)], timeout=timeout)
    threads = left_behind(threads_before, grace=timeout + 2.0)
    expect(not threads, f"{len(threads)} thread(s) started by fastest were still running 2 s after its timeout of "
           f"{timeout:g} s had passed (one URL never answers). Shut its executor down (shutdown(wait=False) lets "
           "the last requests end on their own) and give urlopen the timeout, so that no request waits forever.",
           f"{len(threads)} نخ که fastest ساخته بود، ۲ ثانیه پس از گذشتن timeout آن ({timeout:g} ثانیه) هنوز زنده "
           "بودند (یک URL هرگز پاسخ نمی‌دهد). executor آن را shutdown کنید (shutdown(wait=False) می‌گذارد آخرین "
           "درخواست‌ها خودشان تمام شوند) و timeout را به urlopen هم بدهید تا هیچ درخواستی تا ابد منتظر نماند.")
