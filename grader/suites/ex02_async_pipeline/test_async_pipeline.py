"""Hidden checks for ex02_async_pipeline (async_pipeline.py, with the given sync_pipeline.py)."""
from __future__ import annotations

import asyncio
import contextlib
import math
import sys
import time
from pathlib import Path

import async_pipeline as student
import sync_pipeline

from grader.checks import check, expect, fail
from grader.checks.blocking import LoopWatch, source_findings

FILE = Path(student.__file__).name
REPEATS = 3
STOP = 1.0  # a loop held this long by the student's code is stopped (no correct solution holds it at all)


def pages(n):
    return [f"page {i}" for i in range(n)]


def upper(n):
    return [f"PAGE {i}" for i in range(n)]


def drain(queue: asyncio.Queue) -> list:
    return [queue.get_nowait() for _ in range(queue.qsize())]


def listed(culprits) -> str:
    return "\n".join(f"  - {c}" for c in culprits[:3])


def held_loop(watch: LoopWatch, what: str):
    fail(f"While {what} ran, your code held the event loop (a blocking call or a busy loop), so every other "
         f"task had to wait:\n{listed(watch.culprits)}\n"
         "Every coroutine shares the loop's one thread: wait with `await` (queue.get(), asyncio.sleep()).",
         f"هنگام اجرای {what}، کد شما حلقهٔ رویداد (event loop) را در دست نگه داشت (فراخوانی مسدودکننده یا "
         f"حلقهٔ مشغول) و همهٔ تسک‌های دیگر مجبور به انتظار شدند:\n{listed(watch.culprits)}\n"
         "همهٔ coroutineها روی یک نخ، نخِ حلقهٔ رویداد، اجرا می‌شوند: با `await` منتظر بمانید (queue.get()، asyncio.sleep()).")


async def guarded(awaitable, what: str, seconds: float = 5.0):
    """Await the student's code; a wait that never ends, or a loop held for seconds, fails with a reason."""
    result = None
    async with LoopWatch(student, threshold=0.5, stop_after=STOP, use_blockbuster=False) as watch:
        try:
            result = await asyncio.wait_for(awaitable, seconds)
        except asyncio.TimeoutError:  # not the builtin TimeoutError on 3.10
            fail(f"{what} did not finish within {seconds:g} s: it waits for something that never comes "
                 "(more items than were put on the queue?).",
                 f"{what} پس از {seconds:g} ثانیه تمام نشد: منتظر چیزی است که هرگز نمی‌رسد "
                 "(بیش از تعداد آیتم‌هایی که در صف گذاشته شده؟).")
        except RuntimeError as e:
            if "running event loop" not in str(e):
                raise
            fail(f"{what} raised RuntimeError: {e}. run_pipeline is a coroutine: the caller's loop already runs "
                 "it, so it must not start a loop of its own with asyncio.run(); create the tasks and await them.",
                 f"{what} خطای RuntimeError داد: {e}. run_pipeline یک coroutine است و حلقهٔ فراخواننده آن را اجرا "
                 "می‌کند؛ پس نباید با asyncio.run() حلقهٔ تازه‌ای بسازد: تسک‌ها را بسازید و await کنید.")
    if watch.stopped:
        held_loop(watch, what)
    return result


def same(got, expected, call):
    expect(got == expected, f"{call} gave {got!r}, expected {expected!r}.",
           f"{call} مقدار {got!r} را داد؛ انتظار می‌رفت {expected!r}.")


async def pipeline_works(n=3, delay=0.001):
    """Checks about *how* the pipeline runs first need one that works (so the stub scores 0)."""
    call = f"run_pipeline({n}, {delay}, {delay})"
    same(await guarded(student.run_pipeline(n, delay, delay), call), upper(n), call)


@check("stages")
async def test_produce_puts_pages():
    queue = asyncio.Queue()
    await guarded(student.produce(4, queue, 0), "produce(4, queue, 0)")
    same(drain(queue), pages(4), "the items produce(4, queue, 0) put on the queue")


@check("stages")
async def test_produce_waits_before_each_page():
    n, delay = 4, 0.05
    queue, arrived = asyncio.Queue(), []

    async def collect():
        for _ in range(n):
            await queue.get()
            arrived.append(time.perf_counter())

    start = time.perf_counter()
    await guarded(asyncio.gather(student.produce(n, queue, delay), collect()), f"produce({n}, queue, {delay})")
    first, last = arrived[0] - start, arrived[-1] - start
    expect(first >= delay / 2 and last >= n * delay / 2,
           f"produce({n}, queue, {delay}) put its first page after {first:.3f} s and the last after {last:.3f} s; "
           f"each page must come only after waiting {delay} s (await asyncio.sleep(delay) before put).",
           f"produce({n}, queue, {delay}) اولین صفحه را پس از {first:.3f} و آخرین را پس از {last:.3f} ثانیه گذاشت؛ "
           f"هر صفحه باید پس از {delay} ثانیه انتظار بیاید (await asyncio.sleep(delay) پیش از put).")


@check("stages")
async def test_consume_takes_n_in_order():
    queue = asyncio.Queue()
    for page in pages(5):
        queue.put_nowait(page)
    same(await guarded(student.consume(3, queue, 0), "consume(3, queue, 0)"), upper(3),
         "consume(3, queue, 0) on a queue holding page 0 … page 4")
    same(drain(queue), pages(5)[3:], "what consume(3, …) left on a queue of 5 items")


@check("stages")
async def test_consume_waits_for_items():
    queue = asyncio.Queue()

    async def feed():
        for page in pages(3):
            await asyncio.sleep(0.01)
            await queue.put(page)

    got = await guarded(asyncio.gather(student.consume(3, queue, 0), feed()), "consume(3, queue, 0) on an empty queue")
    same(got[0], upper(3), "consume(3, queue, 0) on a queue that starts empty and is filled later")


@check("stages")
async def test_consume_waits_after_each_item():
    n, delay = 4, 0.05
    queue = asyncio.Queue()
    for page in pages(n):
        queue.put_nowait(page)
    start = time.perf_counter()
    await guarded(student.consume(n, queue, delay), f"consume({n}, queue, {delay})")
    took = time.perf_counter() - start
    expect(took >= n * delay / 2,
           f"consume({n}, queue, {delay}) took {took:.3f} s with every item already waiting; processing each "
           f"item must take {delay} s (await asyncio.sleep(delay)), about {n * delay:g} s in all.",
           f"consume({n}, queue, {delay}) با همهٔ آیتم‌های آماده {took:.3f} ثانیه طول کشید؛ پردازش هر آیتم باید "
           f"{delay} ثانیه طول بکشد (await asyncio.sleep(delay))، روی هم حدود {n * delay:g} ثانیه.")


@check("pipeline_result")
async def test_pipeline_result():
    for n, delay in [(5, 0.005), (1, 0), (0, 0)]:
        call = f"run_pipeline({n}, {delay}, {delay})"
        same(await guarded(student.run_pipeline(n, delay, delay), call), upper(n), call)


@check("overlap")
async def test_stages_overlap():
    n, delay = 6, 0.03
    ideal = (n + 1) / (2 * n)  # overlapped: (n + 1) delays; one after the other: 2n delays
    limit = (ideal + 1) / 2
    best_sync = best_async = math.inf
    for _ in range(REPEATS):
        start = time.perf_counter()
        await asyncio.to_thread(sync_pipeline.run_pipeline, n, delay, delay)
        best_sync = min(best_sync, time.perf_counter() - start)
        start = time.perf_counter()
        got = await guarded(student.run_pipeline(n, delay, delay), f"run_pipeline({n}, {delay}, {delay})")
        best_async = min(best_async, time.perf_counter() - start)
        same(got, upper(n), f"run_pipeline({n}, {delay}, {delay})")
    ratio = best_async / best_sync
    expect(ratio < limit,
           f"The two stages did not overlap: run_pipeline({n}, {delay}, {delay}) took {best_async:.3f} s and the "
           f"given sync version {best_sync:.3f} s in the same run (ratio {ratio:.2f}; overlapping stages give about "
           f"{ideal:.2f}, limit {limit:.2f}). Start the producer and the consumer together (create_task + gather, "
           "or a TaskGroup) instead of awaiting the producer to the end first, and never block the loop.",
           f"دو مرحله هم‌پوشانی نداشتند: run_pipeline({n}, {delay}, {delay}) در {best_async:.3f} ثانیه و نسخهٔ همگامِ "
           f"داده‌شده در همین اجرا در {best_sync:.3f} ثانیه تمام شد (نسبت {ratio:.2f}؛ با هم‌پوشانی حدود {ideal:.2f}، "
           f"سقف {limit:.2f}). تولیدکننده و مصرف‌کننده را با هم راه بیندازید (create_task و gather، یا TaskGroup)، "
           "نه اینکه اول تا آخرِ تولیدکننده را await کنید؛ و حلقه را هرگز مسدود نکنید.")


@check("no_blocking_source")
async def test_no_blocking_call_in_source():
    await pipeline_works()
    findings = source_findings(student.__file__)
    shown = "\n".join(f"  - {FILE}:{f.line} {f.code}: {f.message}" for f in findings)
    expect(not findings,
           f"Blocking calls inside coroutines (async def):\n{shown}\nA blocking call holds the event loop's only "
           "thread, and every other task waits. Use the async version (await asyncio.sleep(...)), or hand the call "
           "to a thread with run_in_executor / asyncio.to_thread.",
           f"فراخوانی مسدودکننده درون coroutine (async def):\n{shown}\nفراخوانی مسدودکننده تنها نخِ حلقهٔ رویداد را "
           "نگه می‌دارد و همهٔ تسک‌های دیگر منتظر می‌مانند. نسخهٔ ناهمگام را به کار ببرید (await asyncio.sleep(...))، "
           "یا فراخوانی را با run_in_executor یا asyncio.to_thread به یک نخ دیگر بسپارید.")


@check("no_blocking_runtime")
async def test_loop_never_held():
    n, delay = 4, 0.05
    got = None
    async with LoopWatch(student, threshold=delay / 2, stop_after=STOP) as watch:
        got = await asyncio.wait_for(student.run_pipeline(n, delay, delay), 10)
    if watch.culprits:
        held_loop(watch, f"run_pipeline({n}, {delay}, {delay})")
    same(got, upper(n), f"run_pipeline({n}, {delay}, {delay})")


@contextlib.contextmanager
def resumptions():
    """Count how often the student's functions start or resume on this thread.

    A coroutine resumes once after each await that really waited, so a pipeline
    that waits on queue.get() resumes a few times per item, while one that polls
    queue.empty() resumes thousands of times. Unlike CPU time, the count does not
    depend on how busy the machine is.
    """
    counter = {"calls": 0}

    def profile(frame, event, arg):
        if event == "call" and frame.f_code.co_filename == student.__file__:
            counter["calls"] += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield counter
    finally:
        sys.setprofile(previous)


@check("no_busy_wait")
async def test_waits_without_polling():
    n, fetch, process = 5, 0.06, 0.01  # a slow producer: the consumer mostly waits on an empty queue
    limit = 10 * n + 20  # waiting on queue.get() and asyncio.sleep(): about 4 resumptions per item
    call = f"run_pipeline({n}, {fetch}, {process})"
    with resumptions() as counted:
        got = await guarded(student.run_pipeline(n, fetch, process), call)
    same(got, upper(n), call)
    calls = counted["calls"]
    expect(calls <= limit,
           f"During {call} your coroutines were resumed {calls} times (limit {limit}), although each item needs "
           "only a few: the code polls (while queue.empty(): await asyncio.sleep(0), say), keeping the loop's "
           "thread busy for nothing. await queue.get() waits without using the CPU and wakes exactly when an "
           "item arrives.",
           f"در طول {call} کوروتین‌های شما {calls} بار از سر گرفته شدند (سقف {limit})، در حالی که هر آیتم فقط چند بار "
           "لازم دارد: کد مدام صف را سرکشی می‌کند (مثلاً while queue.empty(): await asyncio.sleep(0)) و نخِ حلقه را "
           "بیهوده مشغول نگه می‌دارد. await queue.get() بی‌مصرف کردن پردازنده منتظر می‌ماند و درست وقتی آیتمی "
           "برسد بیدار می‌شود.")
