"""Hidden checks for ex09_multiprocessing (compute.py).

Every pool here starts its workers with ``spawn``, the start method of Windows
and macOS: a solution that only works with Linux's ``fork`` fails here too.
Work is sized in seconds, since a spawn pool alone takes 0.2-0.5 s to start.

The speedup check runs the student's parallel sum and a known-good parallel
reference in turns (see grader.checks.speedup): the student's workers must
compute at the same time, and the time their CPU accounting shows (with a core
per worker) must come close to the reference's. Both are seen with psutil and
hold however busy the machine is.

On a free-threaded build (``sys._is_gil_enabled()`` is False) threads do speed
up this computation, so a thread pool could show a speedup there; whatever
the build, a thread pool is judged by where the work ran: psutil sees no
worker process (``in_other_processes``).
"""
from __future__ import annotations

import contextlib
import functools
import itertools
import math
import multiprocessing
import numbers
import os
import random
import sys
import threading
import time
from pathlib import Path

import compute as student
import pytest

from grader.checks import check, children, expect, fail, note, speedup
from grader.checks.spawn import light_main
from grader.checks.threads import left_behind as threads_left_behind
from grader.checks.values import close_to, expect_raises

multiprocessing.set_start_method("spawn", force=True)

CPUS = speedup.usable_cpus()
BETTER_COUNT = hasattr(os, "process_cpu_count") or hasattr(os, "sched_getaffinity")  # than os.cpu_count()
BEFORE = set(children.workers())  # processes already running when the suite began
TOLERANCE = 1e-9  # relative: chunked float sums differ from math.fsum by far less
SERIAL_SECONDS = 1.5  # CPU seconds the serial sum should take in the speedup check
TOOK_TURNS = (("Hand out every chunk with apply_async first and call .get() only afterwards: a .get() right after "
               "each apply_async waits for that chunk before the next one is even sent."),
              ("اول همهٔ تکه‌ها را با apply_async بفرستید و فقط بعد .get() را صدا بزنید: .get() درست پس از هر "
               "apply_async منتظر همان تکه می‌ماند و تکهٔ بعدی تازه پس از آن فرستاده می‌شود."))
TOO_SLOW = (("Send each worker one large chunk (its bounds), not many tiny tasks: every task costs a round trip "
             "between processes."),
            ("به هر کارگر یک تکهٔ بزرگ (مرزهایش) بدهید، نه کارهای ریز بسیار: هر کار یک رفت‌وبرگشت میان "
             "پردازه‌ها هزینه دارد."))


@functools.lru_cache(maxsize=None)  # a check asks for the same sums again and again
def exact(n: int, start: int = 1) -> float:
    return math.fsum(map(math.sqrt, range(start, n + 1)))


def close(got, want: float) -> bool:
    return close_to(got, want, TOLERANCE)


def run_parallel(n: int, workers: int | None = None):
    """parallel_sum_sqrt, with pickling errors explained (a lambda or nested function sent to the pool)."""
    try:
        with light_main():
            return student.parallel_sum_sqrt(n) if workers is None else student.parallel_sum_sqrt(n, workers)
    except Exception as e:
        if "pickl" in f"{type(e).__name__} {e}".lower() or "local object" in str(e):
            fail(f"The pool could not send the work to its processes: {type(e).__name__}: {e}. Only functions "
                 "defined at the top level of a module can be pickled; a lambda or a nested function cannot.",
                 f"Pool نتوانست کار را به پردازه‌هایش بفرستد: {type(e).__name__}: {e}. فقط تابع‌هایی که در "
                 "بالاترین سطح یک ماژول تعریف شده‌اند pickle می‌شوند؛ lambda یا تابع تودرتو نه.")
        raise


@pytest.fixture(scope="module")
def big_n() -> int:
    """An n whose serial sum takes about SERIAL_SECONDS with the student's own sum_sqrt."""
    return speedup.calibrate(lambda n: student.sum_sqrt(1, n + 1), small=200_000, seconds=SERIAL_SECONDS,
                             largest=100_000_000)


@check("sum_sqrt_values")
@pytest.mark.parametrize("start,end", [(1, 11), (0, 1), (5, 5), (9, 3), (100_000, 300_000)])
def test_sum_sqrt(start, end):
    want = math.fsum(map(math.sqrt, range(start, end)))
    got = student.sum_sqrt(start, end)
    expect(close(got, want),
           f"sum_sqrt({start}, {end}) returned {got!r}; expected {want!r}.",
           f"sum_sqrt({start}, {end}) مقدار {got!r} را داد؛ انتظار می‌رفت {want!r}.")


def chunk_problem(start, end, parts, chunks) -> tuple[str, str] | None:
    """What is wrong with split_range's answer, in both languages, or None."""
    if not isinstance(chunks, list) or not all(isinstance(c, tuple) and len(c) == 2 for c in chunks):
        en = f"returned {chunks!r}, not a list of (lo, hi) tuples"
        fa = f"مقدار {chunks!r} را داد که فهرستی از زوج‌های (lo, hi) نیست"
        return en, fa
    if not all(isinstance(b, numbers.Integral) and not isinstance(b, bool) for c in chunks for b in c):
        en = (f"returned {chunks!r}: the bounds must be ints; / gives floats, which range() rejects. "
              "Use // and divmod")
        fa = (f"مقدار {chunks!r} را داد: مرزها باید int باشند؛ / عدد اعشاری می‌دهد که range() قبولش نمی‌کند. "
              "از // و divmod استفاده کنید")
        return en, fa
    covered = [i for lo, hi in chunks for i in range(lo, hi)]
    if covered != list(range(start, end)):
        en = f"returned {chunks!r}, which does not cover [{start}, {end}) exactly once, in order (gaps or overlaps)"
        fa = (f"مقدار {chunks!r} را داد که بازهٔ [{start}, {end}) را دقیقاً یک بار و به ترتیب نمی‌پوشاند "
              "(شکاف یا هم‌پوشانی دارد)")
        return en, fa
    sizes = [hi - lo for lo, hi in chunks]
    want = min(parts, max(0, end - start))
    if len(chunks) != want or (sizes and (min(sizes) < 1 or max(sizes) - min(sizes) > 1)):
        en = (f"returned {chunks!r}: expected {want} non-empty chunks whose sizes differ by at most one "
              "(spread the remainder of divmod one item at a time)")
        fa = (f"مقدار {chunks!r} را داد: انتظار {want} تکهٔ ناخالی می‌رفت که اندازه‌هایشان حداکثر یکی تفاوت "
              "داشته باشد (باقی‌ماندهٔ divmod را یکی‌یکی پخش کنید)")
        return en, fa
    return None


@check("split_range")
def test_split_range():
    rng = random.Random(9)
    cases = [(0, 10, 3), (1, 11, 4), (0, 2, 5), (5, 5, 3), (7, 3, 2), (-4, 5, 2), (0, 1_000_003, 8), (3, 4, 1)]
    cases += [(a, a + rng.randrange(0, 50), rng.randrange(1, 9)) for a in (rng.randrange(-20, 20) for _ in range(40))]
    for start, end, parts in cases:
        problem = chunk_problem(start, end, parts, student.split_range(start, end, parts))
        if problem is not None:
            fail(f"split_range({start}, {end}, {parts}) {problem[0]}.", f"split_range({start}, {end}, {parts}) {problem[1]}.")
    for parts in (0, -1):
        expect_raises(ValueError, f"split_range(0, 10, {parts})", student.split_range, 0, 10, parts)


@check("parallel_sum")
@pytest.mark.parametrize("n,workers", [(10, 2), (3, 4), (1_000_000, 2)])
def test_parallel_sum(n, workers):
    got = run_parallel(n, workers)
    want = exact(n)
    expect(close(got, want), f"parallel_sum_sqrt({n}, {workers}) returned {got!r}; expected {want!r} (the sum "
           f"for i in 1..{n}, both ends included).",
           f"parallel_sum_sqrt({n}, {workers}) مقدار {got!r} را داد؛ انتظار می‌رفت {want!r} (جمع برای i از 1 تا "
           f"{n}، هر دو سر شامل).")


@check("in_other_processes")
def test_in_other_processes(big_n):
    n = big_n // 4
    began = time.thread_time()
    student.sum_sqrt(1, n + 1)
    cpu = time.thread_time() - began  # the CPU time the work costs, whoever does it
    defaults = sorted({CPUS, os.cpu_count() or 1})  # the usable count is right; os.cpu_count() passes too
    for workers, expected in ((2, [2]), (3, [3]), (None, defaults)):
        before = set(children.workers())
        with children.watch() as seen, asked_cpu_count() as asked:
            got = run_parallel(n, workers)
        expect(close(got, exact(n)), f"parallel_sum_sqrt({n}, {workers}) returned {got!r}; expected {exact(n)!r}.",
               f"parallel_sum_sqrt({n}, {workers}) مقدار {got!r} را داد؛ انتظار می‌رفت {exact(n)!r}.")
        expect(seen.cpu_seconds >= 0.3 * cpu,
               f"parallel_sum_sqrt({n}, workers={workers}) used {seen.cpu_seconds:.2f} s of CPU in other processes "
               f"for work that takes {cpu:.2f} s: the sum was computed in this process. Threads (ThreadPool, "
               "ThreadPoolExecutor) share one process and, with the GIL, one CPU; use multiprocessing.Pool.",
               f"parallel_sum_sqrt({n}, workers={workers}) در پردازه‌های دیگر {seen.cpu_seconds:.2f} ثانیه CPU مصرف "
               f"کرد، برای کاری که {cpu:.2f} ثانیه طول می‌کشد: جمع در همین پردازه حساب شده است. نخ‌ها (ThreadPool، "
               "ThreadPoolExecutor) در یک پردازه‌اند و با GIL فقط یک CPU دارند؛ از multiprocessing.Pool استفاده کنید.")
        alive = seen.most_alive(before)
        wanted = " or ".join(map(str, expected))
        expect(alive in expected,
               f"parallel_sum_sqrt({n}, workers={workers}) ran {alive} worker processes at once; expected {wanted}. "
               "The pool takes `workers` processes (multiprocessing.Pool(workers)); without it, as many as this "
               "process may use CPUs (len(os.sched_getaffinity(0)), or os.cpu_count()).",
               f"parallel_sum_sqrt({n}, workers={workers}) هم‌زمان {alive} پردازهٔ کارگر داشت؛ انتظار {wanted} "
               "می‌رفت. Pool به تعداد `workers` پردازه می‌گیرد (multiprocessing.Pool(workers))؛ اگر داده نشود، به "
               "تعداد CPUهایی که این پردازه می‌تواند به کار بگیرد (len(os.sched_getaffinity(0)) یا os.cpu_count()).")
        if workers is None and any(asked) and BETTER_COUNT:
            note(f"The default pool size comes from os.cpu_count(): every CPU of the machine ({os.cpu_count()} here). "
                 "A process may be allowed fewer (a container, taskset, a grader's limits), and more workers than "
                 "CPUs only take turns; os.process_cpu_count() (Python 3.13+) or len(os.sched_getaffinity(0)) "
                 f"counts the CPUs this process may use ({CPUS} here).",
                 f"اندازهٔ پیش‌فرض Pool از os.cpu_count() می‌آید: همهٔ CPUهای دستگاه (این‌جا {os.cpu_count()}). "
                 "ممکن است پردازه اجازهٔ کمتری داشته باشد (یک container، taskset، محدودیت‌های ارزیاب) و کارگرهای "
                 "بیش از CPUها فقط نوبتی کار می‌کنند؛ os.process_cpu_count() (پایتون 3.13 به بعد) یا "
                 f"len(os.sched_getaffinity(0)) شمار CPUهایی را می‌دهد که این پردازه می‌تواند به کار بگیرد "
                 f"(این‌جا {CPUS}).")


@contextlib.contextmanager
def asked_cpu_count():
    """Whether the student's own code called os.cpu_count() (or multiprocessing.cpu_count(), which asks
    it): the pool's own default does not count."""
    asked, real, mine = [], os.cpu_count, Path(student.__file__).resolve()

    def counting():
        caller = sys._getframe(1)
        if caller.f_code.co_name == "cpu_count" and caller.f_back is not None:  # multiprocessing.cpu_count()
            caller = caller.f_back
        asked.append(Path(caller.f_code.co_filename).resolve() == mine)
        return real()

    os.cpu_count = counting
    try:
        yield asked
    finally:
        os.cpu_count = real


def reference_sum(n: int, workers: int) -> float:
    """A known-good parallel sum over the student's own sum_sqrt: what the machine allows right now."""
    size, extra = divmod(n, workers)
    bounds = [1 + k * size + min(k, extra) for k in range(workers + 1)]
    with light_main(), multiprocessing.Pool(workers) as pool:
        return math.fsum(pool.starmap(student.sum_sqrt, itertools.pairwise(bounds)))


@check("speedup")
def test_speedup(big_n):
    speedup.need_several_cpus(CPUS)
    found = speedup.compare(lambda: run_parallel(big_n, CPUS), lambda: reference_sum(big_n, CPUS))
    speedup.judge(found, took_turns=TOOK_TURNS, too_slow=TOO_SLOW)


@check("no_process_left")
def test_no_process_left():
    before_threads = set(threading.enumerate())
    got = run_parallel(200_000, 2)
    expect(close(got, exact(200_000)), f"parallel_sum_sqrt(200000, 2) returned {got!r}.",
           f"parallel_sum_sqrt(200000, 2) مقدار {got!r} را داد.")
    procs, threads = children.left_behind(BEFORE), threads_left_behind(before_threads, grace=0.5)
    expect(not procs and not threads,
           f"After parallel_sum_sqrt returned, {len(procs)} worker process(es) and {len(threads)} pool thread(s) "
           "were still running. Close and join the pool (pool.close(); pool.join()), or leave a "
           "`with multiprocessing.Pool(...)` block, before returning.",
           f"پس از برگشتن parallel_sum_sqrt، {len(procs)} پردازهٔ کارگر و {len(threads)} نخ Pool هنوز زنده بودند. "
           "پیش از برگرداندن نتیجه Pool را close و join کنید (pool.close(); pool.join()) یا از بلوک "
           "`with multiprocessing.Pool(...)` بیرون بیایید.")
