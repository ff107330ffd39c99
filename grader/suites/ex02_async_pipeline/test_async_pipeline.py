"""Hidden checks for ex02_async_pipeline (async_pipeline.py, with the given sync_pipeline.py)."""
from __future__ import annotations

import asyncio
import contextlib
import math
import sys
import time
from itertools import pairwise
from pathlib import Path

import async_pipeline as student
import sync_pipeline

from grader.checks import check, expect, fail
from grader.checks.blocking import LoopWatch, source_findings

FILE = Path(student.__file__).name
REPEATS = 3
STOP = 1.0  # a loop held this long by the student's code is stopped (no correct solution holds it at all)
CLOCK = time.get_clock_info("monotonic").resolution  # the loop's clock: 1 ns on Linux, 15.6 ms on Windows


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
         f"حلقهٔ مشغول) و همهٔ taskهای دیگر مجبور به انتظار شدند:\n{listed(watch.culprits)}\n"
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
                 "می‌کند؛ پس نباید با asyncio.run() حلقهٔ تازه‌ای بسازد: taskها را بسازید و await کنید.")
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


def least(delay: float) -> float:
    """The shortest gap a wait of ``delay`` can leave between two queue operations, on the loop's clock."""
    return 0.8 * delay - CLOCK


class Traffic:
    """What ran on the loop's thread meanwhile: the student's calls, and each queue's puts and gets.

    A coroutine resumes once after each await that really waited, so a pipeline
    that waits on queue.get() resumes a few times per item, while one that polls
    queue.empty() resumes thousands of times. Unlike CPU time, the count does not
    depend on how busy the machine is. Puts and gets are timed on the loop's own
    clock where asyncio.Queue stores or removes an item (``_put``/``_get``), so
    put() and put_nowait(), get() and get_nowait() all count, whatever name the
    student imported them by, and a wait of ``delay`` between two of them can
    never look shorter than it was.
    """

    def __init__(self):
        self.calls = 0
        self.queues: dict[int, dict[str, list[float]]] = {}

    def busiest(self) -> dict[str, list[float]]:
        """The puts and gets of the queue that carried most items (the pipeline's own)."""
        return max(self.queues.values(), key=lambda q: len(q["_put"]), default={"_put": [], "_get": []})


@contextlib.contextmanager
def observed():
    seen = Traffic()
    clock = asyncio.get_running_loop().time

    def profile(frame, event, arg):
        if event != "call":
            return
        code = frame.f_code
        if code.co_filename == student.__file__:
            seen.calls += 1
        elif code.co_name in ("_put", "_get"):
            queue = frame.f_locals.get("self")
            if isinstance(queue, asyncio.Queue):
                seen.queues.setdefault(id(queue), {"_put": [], "_get": []})[code.co_name].append(clock())

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(previous)


def short_gaps(times: list[float], delay: float) -> list[tuple[int, float]]:
    """(i, gap) for each item i that came less than a wait of ``delay`` after item i - 1."""
    return [(i, later - earlier) for i, (earlier, later) in enumerate(pairwise(times), 1) if later - earlier < least(delay)]


async def finished_at(awaitable):
    """The awaitable's result, and the loop's time the moment it returned (before any of ours runs)."""
    result = await awaitable
    return result, asyncio.get_running_loop().time()


@check("stages")
async def test_produce_puts_pages():
    queue = asyncio.Queue()
    await guarded(student.produce(4, queue, 0), "produce(4, queue, 0)")
    same(drain(queue), pages(4), "the items produce(4, queue, 0) put on the queue")


@check("stages")
async def test_produce_waits_for_each_page():
    n, delay = 4, 0.05
    call = f"produce({n}, queue, {delay})"
    queue = asyncio.Queue()
    with observed() as seen:
        await guarded(student.produce(n, queue, delay), call)
    same(drain(queue), pages(n), f"the items {call} put on the queue")
    for i, gap in short_gaps(seen.busiest()["_put"], delay)[:1]:
        fail(f"{call} put page {i} only {gap:.3f} s after the page before it; fetching each page takes {delay} s: "
             "await asyncio.sleep(delay) once for every page, before or after putting it, not once for them all.",
             f"{call} صفحهٔ {i} را فقط {gap:.3f} ثانیه پس از صفحهٔ قبلی گذاشت؛ گرفتن هر صفحه {delay} ثانیه طول "
             "می‌کشد: برای هر صفحه یک بار await asyncio.sleep(delay) کنید، پیش یا پس از گذاشتنش، نه یک بار برای همه.")


@check("stages")
async def test_produce_waits_for_room():
    queue, taken = asyncio.Queue(maxsize=1), []
    call = "produce(3, queue, 0) on an asyncio.Queue(maxsize=1) emptied slowly"

    async def take_slowly():
        for _ in range(3):
            await asyncio.sleep(0.01)
            taken.append(await queue.get())

    taker = asyncio.ensure_future(take_slowly())
    try:
        await guarded(student.produce(3, queue, 0), call)
        await guarded(taker, call)
    except asyncio.QueueFull:
        fail(f"{call} raised QueueFull: it used put_nowait, which fails when a bounded queue is full. "
             "await queue.put(item) waits until there is room.",
             f"{call} خطای QueueFull داد: از put_nowait استفاده کرده که وقتی صفِ محدود پر است شکست می‌خورد. "
             "await queue.put(item) تا باز شدن جا منتظر می‌ماند.")
    finally:
        taker.cancel()
    same(taken, pages(3), f"the items {call} put on the queue")


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
async def test_consume_processes_each_item_after_taking_it():
    n, delay = 4, 0.05
    call = f"consume({n}, queue, {delay}) with all {n} items already on the queue"
    queue = asyncio.Queue()
    for page in pages(n):
        queue.put_nowait(page)
    with observed() as seen:
        got, returned = await guarded(finished_at(student.consume(n, queue, delay)), call)
    same(got, upper(n), call)
    gets = seen.busiest()["_get"]
    expect(len(gets) == n, f"{call} took {len(gets)} items from the queue, not {n}.",
           f"{call} به جای {n} آیتم، {len(gets)} آیتم از صف برداشت.")
    for i, gap in short_gaps(gets, delay)[:1]:
        fail(f"{call} took item {i} only {gap:.3f} s after the one before it: items are processed one at a time, "
             f"so wait {delay} s after taking each before taking the next.",
             f"{call} آیتم {i} را فقط {gap:.3f} ثانیه پس از آیتم قبلی برداشت: آیتم‌ها یکی‌یکی پردازش می‌شوند، پس پس "
             f"از برداشتن هر کدام {delay} ثانیه صبر کنید و بعد سراغ بعدی بروید.")
    tail = returned - gets[-1]
    expect(tail >= least(delay),
           f"{call} returned {tail:.3f} s after taking its last item: processing takes {delay} s after each item, "
           "the last one too. Take the item first, then wait (not wait, then take).",
           f"{call} فقط {tail:.3f} ثانیه پس از برداشتن آخرین آیتم برگشت: پردازش هر آیتم، آخری هم، پس از برداشتنش "
           f"{delay} ثانیه طول می‌کشد. اول آیتم را بردارید، بعد صبر کنید (نه اول صبر، بعد برداشتن).")


@check("pipeline_result")
async def test_pipeline_result():
    # every relation of the two delays (and zeros); 12 pages queued at once catch a queue that is not FIFO
    for n, fetch, process in [(5, 0.005, 0.005), (5, 0.015, 0.003), (5, 0.003, 0.015), (4, 0, 0.01), (4, 0.01, 0),
                              (12, 0, 0.002), (1, 0, 0), (0, 0, 0)]:
        call = f"run_pipeline({n}, {fetch}, {process})"
        got = await guarded(student.run_pipeline(n, fetch, process), call)
        if isinstance(got, list) and got != upper(n) and sorted(got) == sorted(upper(n)):
            fail(f"{call} gave the right pages in the wrong order: {got!r}. Pages must come out in the order they "
                 "went in: asyncio.Queue is first-in first-out (a LifoQueue or PriorityQueue is not).",
                 f"{call} صفحه‌های درست را با ترتیب نادرست داد: {got!r}. صفحه‌ها باید به همان ترتیبی که وارد شدند "
                 "بیرون بیایند: asyncio.Queue «اول وارد، اول خارج» است (LifoQueue یا PriorityQueue نیست).")
        same(got, upper(n), call)


@check("delays")
async def test_each_stage_gets_its_own_delay():
    n = 4
    for fetch, process in [(0.06, 0.015), (0.015, 0.06), (0.04, 0), (0, 0.04)]:
        call = f"run_pipeline({n}, fetch_delay={fetch}, process_delay={process})"
        with observed() as seen:
            got = await guarded(student.run_pipeline(n, fetch, process), call)
        same(got, upper(n), call)
        queue = seen.busiest()
        expect(len(queue["_put"]) >= n and len(queue["_get"]) >= n,
               f"{call} did not pass its {n} pages through an asyncio.Queue: make one queue and hand it to both "
               "produce and consume.",
               f"{call} {n} صفحه‌اش را از یک asyncio.Queue عبور نداد: یک صف بسازید و آن را به produce و consume بدهید.")
        for op, delay, stage, stage_fa, name in (("_put", fetch, "producer put", "تولید", "fetch_delay"),
                                                 ("_get", process, "consumer took", "مصرف", "process_delay")):
            for _, gap in short_gaps(queue[op], delay)[:1]:
                fail(f"In {call} the {stage} pages only {gap:.3f} s apart, less than {name} ({delay} s): "
                     "run_pipeline must pass fetch_delay to produce and process_delay to consume, not swap them "
                     "or use one for both.",
                     f"در {call} فاصلهٔ صفحه‌ها در مرحلهٔ {stage_fa} فقط {gap:.3f} ثانیه بود، کمتر از {name} "
                     f"({delay} ثانیه): run_pipeline باید fetch_delay را به produce و process_delay را به consume "
                     "بدهد، نه جابه‌جا و نه یکی را برای هر دو.")


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
           f"دو مرحله هم‌پوشانی نداشتند: run_pipeline({n}, {delay}, {delay}) در {best_async:.3f} ثانیه و نسخهٔ هم‌گامِ "
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
           "نگه می‌دارد و همهٔ taskهای دیگر منتظر می‌مانند. نسخهٔ ناهم‌گام را به کار ببرید (await asyncio.sleep(...))، "
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


@check("no_busy_wait")
async def test_waits_without_polling():
    n, fetch, process = 5, 0.06, 0.01  # a slow producer: the consumer mostly waits on an empty queue
    limit = 10 * n + 20  # waiting on queue.get() and asyncio.sleep(): about 4 resumptions per item
    call = f"run_pipeline({n}, {fetch}, {process})"
    with observed() as seen:
        got = await guarded(student.run_pipeline(n, fetch, process), call)
    same(got, upper(n), call)
    calls = seen.calls
    expect(calls <= limit,
           f"During {call} your coroutines were resumed {calls} times (limit {limit}), although each item needs "
           "only a few: the code polls (while queue.empty(): await asyncio.sleep(0), say), keeping the loop's "
           "thread busy for nothing. await queue.get() waits without using the CPU and wakes exactly when an "
           "item arrives.",
           f"در طول {call} coroutineهای شما {calls} بار از سر گرفته شدند (سقف {limit})، در حالی که هر آیتم فقط چند بار "
           "لازم دارد: کد مدام صف را سرکشی می‌کند (مثلاً while queue.empty(): await asyncio.sleep(0)) و نخِ حلقه را "
           "بیهوده مشغول نگه می‌دارد. await queue.get() بی‌مصرف کردن پردازنده منتظر می‌ماند و درست وقتی آیتمی "
           "برسد بیدار می‌شود.")
