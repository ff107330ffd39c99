"""Hidden checks for ex05_async_threads (bridge.py).

``legacy.lookup`` is replaced by a probe that behaves like it (blocks, then
returns ``user:KEY``) and records how many lookups ran at once and on which
threads. The student's module is then imported afresh, so a
``from legacy import lookup`` binds the probe too (patching after import
would miss it).
"""
from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import math
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import legacy
import pytest

from grader.checks import check, expect, fail, note, record
from grader.checks.blocking import LoopWatch

DELAY = 0.25  # one lookup; long beside scheduling noise, short enough for a fast suite
DEADLINE = 10.0
# The loop held for half a lookup is a blocking call (waiting on a lookup holds it for a whole one);
# joining idle workers after the work is done takes milliseconds and passes.
STALL = DELAY / 2
ATTEMPTS = 3
GRACE = 2.0  # seconds the workers of a pool shut down without waiting get to end


class Probe:
    """A stand-in for legacy.lookup that counts lookups in progress and notes their threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self, delays: dict[str, float] | None = None, answers: dict[str, str] | None = None) -> None:
        """Forget what was counted; ``delays`` gives some keys a lookup time other than DELAY,
        ``answers`` some keys a record other than ``user:KEY``."""
        with self._lock:
            self.active = self.peak = self.calls = 0
            self.threads: set[int] = set()
            self.delays = delays or {}
            self.answers = answers or {}

    async def settle(self) -> None:
        """Wait (without blocking the loop) until the lookups that outlived a failed call have ended."""
        end = time.monotonic() + DEADLINE
        while self.active > 0 and time.monotonic() < end:
            await asyncio.sleep(0.01)

    def __call__(self, key: str) -> str:
        with self._lock:
            self.calls += 1
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.threads.add(threading.get_ident())
        try:
            if key.startswith("missing"):
                raise KeyError(key)
            time.sleep(self.delays.get(key, DELAY))
            return self.answers.get(key, f"user:{key}")
        finally:
            with self._lock:
                self.active -= 1


probe = Probe()
legacy.lookup = probe
sys.modules.pop("bridge", None)
student = importlib.import_module("bridge")


@pytest.fixture(autouse=True)
def fresh_probe():
    probe.reset()


def keys(n: int, prefix: str = "user") -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


async def lookup_all(ks, **kwargs):
    """lookup_all(ks, **kwargs) and its wall time; a hang is a failure that says so."""
    started = time.perf_counter()
    try:
        got = await asyncio.wait_for(student.lookup_all(ks, **kwargs), DEADLINE)
    except asyncio.TimeoutError:
        fail(f"lookup_all({len(ks)} keys) did not return within {DEADLINE:g} s.",
             f"lookup_all({len(ks)} کلید) پس از {DEADLINE:g} ثانیه برنگشت.")
    return got, time.perf_counter() - started


def same_records(got, ks, what: str) -> None:
    expected = {k: f"user:{k}" for k in ks}
    expect(got == expected,
           f"lookup_all on {what} returned {got!r:.300}, expected {expected!r:.300} (a dict: key -> lookup(key)).",
           f"lookup_all روی {what} مقدار {got!r:.300} را برگرداند؛ انتظار می‌رفت {expected!r:.300} "
           "(یک dict: کلید -> lookup(کلید)).")


@check("results")
async def test_results():
    for ks, kwargs in [(["ali", "sara", "reza"], {}), (keys(5), {"max_workers": 2}), ([], {})]:
        got, _ = await lookup_all(ks, **kwargs)
        same_records(got, ks, f"{len(ks)} keys" + (f" with max_workers={kwargs['max_workers']}" if kwargs else ""))


@check("results")
async def test_results_whatever_finishes_first():
    ks = keys(4, "late")
    probe.reset({k: DELAY * (len(ks) - i) / len(ks) for i, k in enumerate(ks)})  # the last key answers first
    got, _ = await lookup_all(ks, max_workers=len(ks))
    same_records(got, ks, f"{len(ks)} keys whose lookups finish in the reverse order (each key must get its own "
                          "lookup's value, not the value that happened to finish in its place)")


@check("off_loop_thread")
async def test_off_loop_thread():
    ks = keys(4)
    got, _ = await lookup_all(ks)
    same_records(got, ks, "4 keys")
    loop_thread = threading.get_ident()
    expect(loop_thread not in probe.threads and probe.calls == len(ks),
           f"{probe.calls} lookups ran on {len(probe.threads)} thread(s), the event loop's own thread among them. "
           "A blocking call made on the loop's thread stops every task; hand lookup itself, not its result, to a "
           "thread of an executor: the loop's run_in_executor takes the function and its argument and gives back "
           "something to await.",
           f"{probe.calls} جست‌وجو روی {len(probe.threads)} نخ اجرا شد که نخ خود حلقهٔ رویداد هم میانشان بود. "
           "فراخوانی مسدودکننده روی نخ حلقه همهٔ taskها را متوقف می‌کند؛ خودِ lookup را، نه نتیجه‌اش را، به نخی از "
           "یک executor بسپارید: run_in_executor حلقه تابع و آرگومانش را می‌گیرد و چیزی برمی‌گرداند که بشود "
           "منتظرش ماند.")


@contextlib.contextmanager
def joins_on_loop():
    """The lines of the student's file that shut a thread pool down with ``wait=True`` on this thread, the
    loop's: leaving a `with ThreadPoolExecutor` block, or ``pool.shutdown(wait=True)``, in the coroutine.

    Seen by the call, not by how long it took, so the note it brings does not depend on the machine's load.
    The method is patched on the class, which every name the student bound and every subclass share.
    """
    lines: list[int] = []
    original, loop_thread = ThreadPoolExecutor.shutdown, threading.get_ident()

    def shutdown(self, wait=True, *args, **kwargs):
        if wait and threading.get_ident() == loop_thread:
            frame = sys._getframe(1)
            while frame and frame.f_code.co_filename != student.__file__:
                frame = frame.f_back
            if frame:
                lines.append(frame.f_lineno)
        return original(self, wait, *args, **kwargs)

    ThreadPoolExecutor.shutdown = shutdown
    try:
        yield lines
    finally:
        ThreadPoolExecutor.shutdown = original


async def watched_run(ks, workers):
    """One watched lookup_all: ({"got": its result}, or {} if it was stopped for holding the loop; the LoopWatch;
    the lines that joined a pool on the loop)."""
    outcome = {}
    with joins_on_loop() as joined:
        async with LoopWatch(student, threshold=STALL) as watch:
            outcome["got"] = await asyncio.wait_for(student.lookup_all(ks, max_workers=workers), DEADLINE)
    return outcome, watch, joined


@check("loop_ticks")
async def test_loop_keeps_ticking():
    """Best of a few runs: a blocking call stalls every run, a busy machine only some."""
    ks, workers = keys(8), 4
    for _ in range(ATTEMPTS):
        outcome, watch, joined = await watched_run(ks, workers)
        if "got" in outcome and not watch.culprits and watch.max_lag < STALL:
            break
    if watch.culprits:
        fail(f"The event loop was blocked while lookup_all ran: {watch.culprits[0]}. Calling lookup (or waiting "
             "on a concurrent.futures.Future with .result(), or leaving a `with ThreadPoolExecutor` block while "
             "lookups are still running) inside the coroutine holds the loop's only thread; "
             "await loop.run_in_executor(...) instead.",
             f"حلقهٔ رویداد هنگام اجرای lookup_all مسدود شد: {watch.culprits[0]}. صدا زدن lookup (یا منتظر ماندن "
             "روی یک Future با .result()، یا بیرون آمدن از بلوک `with ThreadPoolExecutor` در حالی که جست‌وجوها هنوز "
             "در جریان‌اند) درون coroutine تنها نخ حلقه را نگه می‌دارد؛ به جایش "
             "await loop.run_in_executor(...) بنویسید.")
    expect("got" in outcome, "lookup_all was stopped after holding the event loop for seconds.",
           "lookup_all پس از چند ثانیه نگه داشتن حلقهٔ رویداد متوقف شد.")
    same_records(outcome["got"], ks, f"{len(ks)} keys with max_workers={workers}")
    record("heartbeat's worst lag", watch.max_lag, STALL, unit="s")
    expect(watch.max_lag < STALL,
           f"While lookup_all ran, a heartbeat task on the loop was late by up to {watch.max_lag:.3f} s "
           f"(one lookup takes {DELAY:g} s), in each of {ATTEMPTS} runs: the loop was not free to run other tasks.",
           f"هنگام اجرای lookup_all، یک task ضربان روی حلقه تا {watch.max_lag:.3f} ثانیه دیر اجرا شد "
           f"(هر جست‌وجو {DELAY:g} ثانیه طول می‌کشد)، در هر {ATTEMPTS} بار اجرا: حلقه برای اجرای taskهای دیگر "
           "آزاد نبود.")
    if joined:
        where = f"{Path(student.__file__).name}:{joined[0]}"
        note(f"{where} waits for the pool's threads to end on the event loop's own thread (leaving a "
             "`with ThreadPoolExecutor` block, or pool.shutdown(wait=True), inside the coroutine). Here every lookup "
             "had finished, so it took no time; but if it can run while lookups are still going (after a lookup "
             "raised, say), the loop stops until they end, and every other task with it. "
             "pool.shutdown(wait=False) once the results are in never waits; the idle threads end on their own.",
             f"{where} روی نخ خودِ حلقهٔ رویداد منتظر پایان نخ‌های pool می‌ماند (بیرون آمدن از بلوک "
             "`with ThreadPoolExecutor`، یا pool.shutdown(wait=True)، درون coroutine). این‌جا همهٔ جست‌وجوها تمام "
             "شده بودند و زمانی نگرفت؛ اما اگر این کار وقتی اجرا شود که جست‌وجوها هنوز در جریان‌اند (پس از خطای یک "
             "جست‌وجو، مثلاً)، حلقه تا پایان آن‌ها می‌ایستد و همهٔ taskهای دیگر هم با آن. pool.shutdown(wait=False) پس از رسیدن نتیجه‌ها هیچ‌گاه منتظر "
             "نمی‌ماند؛ نخ‌های بیکار خودشان تمام می‌شوند.")


@check("wall_time")
async def test_wall_time():
    n, workers = 16, 8
    rounds = math.ceil(n / workers)
    single = min([(await lookup_all(["solo"], max_workers=workers))[1] for _ in range(2)])
    runs = []
    for _ in range(2):
        got, elapsed = await lookup_all(keys(n), max_workers=workers)
        same_records(got, keys(n), f"{n} keys")
        runs.append(elapsed)
    ratio = min(runs) / single
    record("wall time over one lookup", ratio, rounds + 0.7)
    expect(ratio < rounds + 0.7,
           f"{n} lookups with max_workers={workers} took {min(runs):.2f} s, {ratio:.1f} times one lookup "
           f"({single:.2f} s); about {rounds} would mean {workers} threads working at once. Start every lookup "
           "first (one run_in_executor future per key) and await them together with asyncio.gather; awaiting "
           "each thread before starting the next is sequential, and a pool smaller than max_workers "
           "(asyncio.to_thread's default one) runs fewer at once.",
           f"{n} جست‌وجو با max_workers={workers} {min(runs):.2f} ثانیه طول کشید، {ratio:.1f} برابر یک جست‌وجو "
           f"({single:.2f} ثانیه)؛ حدود {rounds} برابر یعنی {workers} نخ هم‌زمان کار کرده‌اند. اول همهٔ "
           "جست‌وجوها را شروع کنید (برای هر کلید یک future از run_in_executor) و همه را با هم با "
           "asyncio.gather منتظر بمانید؛ await کردن هر نخ پیش از شروع بعدی، کار را ترتیبی می‌کند و استخری "
           "کوچک‌تر از max_workers (مثل استخر پیش‌فرض asyncio.to_thread) کمتر نخ هم‌زمان اجرا می‌کند.")


@check("max_workers")
@pytest.mark.parametrize("workers, n", [(8, 16), (3, 7)])
async def test_max_workers(workers, n):
    got, _ = await lookup_all(keys(n), max_workers=workers)
    same_records(got, keys(n), f"{n} keys")
    record(f"lookups at once with max_workers={workers}", probe.peak, workers, unit="lookups")
    expect(probe.peak == workers,
           f"With max_workers={workers} and {n} keys, up to {probe.peak} lookups ran at once; it must be exactly "
           f"{workers}: never more, and as many when there are enough keys. Size the pool yourself, "
           "ThreadPoolExecutor(max_workers=max_workers): asyncio.to_thread's default pool has "
           "min(32, CPUs + 4) threads, whatever max_workers says.",
           f"با max_workers={workers} و {n} کلید، تا {probe.peak} جست‌وجو هم‌زمان اجرا شد؛ باید دقیقاً {workers} "
           "باشد: نه بیشتر، و نه کمتر وقتی کلید کافی هست. اندازهٔ استخر را خودتان تعیین کنید، "
           "ThreadPoolExecutor(max_workers=max_workers): استخر پیش‌فرض asyncio.to_thread، صرف‌نظر از "
           "max_workers، min(32, CPUs + 4) نخ دارد.")


async def raised_by_failing_call(ks, workers) -> None:
    """lookup_all on keys one of which fails: return if KeyError came out, else fail saying what did."""
    try:
        got, _ = await lookup_all(ks, max_workers=workers)
    except KeyError:
        return
    except NotImplementedError:
        raise
    except Exception as e:  # noqa: BLE001 - the student's exception, explained
        fail(f"lookup raised KeyError for 'missing-key', but lookup_all raised {type(e).__name__}: {e}. The "
             "caller must get the same exception (a TaskGroup wraps it in an ExceptionGroup; asyncio.gather "
             "passes it on).",
             f"lookup برای 'missing-key' خطای KeyError داد، اما lookup_all خطای {type(e).__name__} داد: {e}. "
             "فراخواننده باید همان خطا را بگیرد (TaskGroup آن را در ExceptionGroup می‌پیچد؛ asyncio.gather همان را "
             "بیرون می‌دهد).")
    fail(f"lookup raised KeyError for 'missing-key', but lookup_all returned {got!r:.200} instead of raising. "
         "Do not swallow the exception (return_exceptions=True, a bare except): let it reach the caller.",
         f"lookup برای 'missing-key' خطای KeyError داد، اما lookup_all به جای خطا مقدار {got!r:.200} را "
         "برگرداند. خطا را نبلعید (return_exceptions=True یا except خالی): بگذارید به فراخواننده برسد.")


async def peak_of_call(ks, workers, what: str) -> int:
    """Most lookups at once during one correct call (the probe counts afresh)."""
    await probe.settle()
    probe.reset()
    got, _ = await lookup_all(ks, max_workers=workers)
    same_records(got, ks, what)
    return probe.peak


@check("errors_propagate")
async def test_errors_propagate():
    workers = 2
    ks = keys(2 * workers)
    before = await peak_of_call(ks, workers, f"{len(ks)} keys with max_workers={workers}")
    await raised_by_failing_call(["ali", "missing-key", "sara"], workers)
    # A failure must leave nothing behind that changes the next call (a slot never given back, say).
    after = await peak_of_call(ks, workers, f"{len(ks)} keys with max_workers={workers}, right after a failed call")
    expect(after == before,
           f"With {len(ks)} keys and max_workers={workers}, lookup_all ran {before} lookups at once; the same call "
           f"made right after a call in which one lookup raised ran {after} at once: the failure left something "
           "behind (a slot of a shared semaphore never given back, say). Release what you acquire in a `finally` "
           "or with `async with`/`with`.",
           f"با {len(ks)} کلید و max_workers={workers}، lookup_all {before} جست‌وجو را هم‌زمان اجرا کرد؛ همان "
           f"فراخوانی درست پس از فراخوانی‌ای که یکی از جست‌وجوهایش خطا داد، {after} جست‌وجو را هم‌زمان اجرا کرد: "
           "آن خطا چیزی را جا گذاشت (مثلاً جایی از یک semaphore مشترک که هرگز پس داده نشد). هر چه را می‌گیرید "
           "در `finally` یا با `async with`/`with` آزاد کنید.")


@check("threads_end")
async def test_no_thread_outlives_the_call():
    """The threads that ran this call's lookups must end; the loop's own default executor may keep its threads."""
    loop = asyncio.get_running_loop()
    ks = keys(6)
    got, _ = await lookup_all(ks, max_workers=3)
    same_records(got, ks, "6 keys with max_workers=3")
    end = time.monotonic() + GRACE
    while True:  # idle workers of a pool that was shut down without waiting end on their own, within moments
        gc.collect()
        owned_by_loop = set(getattr(getattr(loop, "_default_executor", None), "_threads", ()))
        left = [t for t in threading.enumerate()
                if t.ident in probe.threads and t not in owned_by_loop and t.is_alive()]
        if not left or time.monotonic() > end:
            break
        await asyncio.sleep(0.02)
    names = ", ".join(sorted(t.name for t in left))
    expect(not left,
           f"{GRACE:g} s after lookup_all returned, {len(left)} of the threads that ran its lookups were still alive "
           f"({names}). "
           "An executor whose threads outlive the call (kept in a global to be reused, say) leaks them: shut it "
           "down when the lookups are done (`with ThreadPoolExecutor(...)` around the awaiting, or "
           "pool.shutdown() in a `finally`).",
           f"{GRACE:g} ثانیه پس از برگشتن lookup_all، {len(left)} نخ از نخ‌هایی که جست‌وجوهایش را اجرا کردند هنوز "
           "زنده بود "
           f"({names}). executorی که نخ‌هایش از فراخوانی بیشتر عمر کنند (مثلاً در یک متغیر سراسری برای استفادهٔ "
           "دوباره نگه داشته شود) آن‌ها را نشت می‌دهد: وقتی جست‌وجوها تمام شد خاموشش کنید (`with "
           "ThreadPoolExecutor(...)` دور انتظار، یا pool.shutdown() در یک `finally`).")
