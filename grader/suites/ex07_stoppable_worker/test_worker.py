"""Hidden checks for ex07_stoppable_worker (worker.py)."""
from __future__ import annotations

import statistics
import threading
import time

import worker as student

from grader.checks import check, expect, fail, record
from grader.checks.deadline import call_with_deadline
from grader.checks.threads import left_behind

FAST = 0.02  # seconds between runs where the pace does not matter
LONG = 10.0  # an interval far longer than any stop() may take


class Task:
    """A task that records when and in which thread it ran; it may raise or take a while."""

    def __init__(self, *, raise_every: int = 0, takes: float = 0.0):
        self.times: list[float] = []
        self.threads: set[int] = set()
        self.raised = 0
        self.raise_every = raise_every
        self.takes = takes
        self.started = threading.Event()
        self.starter: int | None = None  # the thread that called start()

    def __call__(self):
        self.times.append(time.monotonic())
        self.threads.add(threading.get_ident())
        self.started.set()
        if self.takes:
            time.sleep(self.takes)
        if self.raise_every and len(self.times) % self.raise_every == 0:
            self.raised += 1
            raise ValueError("a task that fails now and then")


def wait_until(condition, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.005)
    return True


def guarded(fn, *args, what: str = ""):
    return call_with_deadline(fn, *args, seconds=15, what=what or f"{fn.__name__}()")


def stop(w, timeout: float = 1.0) -> bool:
    return guarded(w.stop, timeout, what=f"stop(timeout={timeout:g})")


def started(task: Task, interval: float = FAST, runs: int = 1):
    """A started worker whose task has already run ``runs`` times."""
    w = guarded(student.Worker, task, interval, what="Worker(task, interval)")

    def start():
        task.starter = threading.get_ident()
        w.start()

    guarded(start, what="start()")
    if not wait_until(lambda: len(task.times) >= runs, max(5.0, 100 * interval)):
        stop(w)
        fail(f"After start() with interval={interval:g}, task was called {len(task.times)} times in "
             f"{max(5.0, 100 * interval):g} s; expected at least {runs}.",
             f"پس از start() با interval={interval:g}، تابع task در {max(5.0, 100 * interval):g} ثانیه "
             f"{len(task.times)} بار اجرا شد؛ دست‌کم {runs} بار انتظار می‌رفت.")
    return w


@check("runs_task")
def test_runs_task():
    task = Task()
    w = started(task, runs=5)
    expect(stop(w) is True, "stop() did not return True after a normal run.",
           "stop() پس از یک اجرای عادی True برنگرداند.")
    calls = len(task.times)
    time.sleep(5 * FAST)
    expect(len(task.times) == calls, f"task was still called after stop() returned ({len(task.times) - calls} "
           "more times).", f"پس از برگشتن stop() باز هم task اجرا شد ({len(task.times) - calls} بار دیگر).")
    expect(task.starter not in task.threads, "task ran in the thread that called start(); it must run "
           "on a background thread.", "task در همان نخی اجرا شد که start() را صدا زد؛ باید در یک نخ دیگر اجرا شود.")
    expect((w.runs, w.errors) == (calls, 0), f"runs = {w.runs} and errors = {w.errors}, but task was called "
           f"{calls} times and never raised.",
           f"runs = {w.runs} و errors = {w.errors} است، ولی task {calls} بار اجرا شد و هرگز خطا نداد.")


@check("cadence")
def test_cadence():
    interval = 0.05
    task = Task()
    w = started(task, interval, runs=8)
    stop(w)
    gaps = [b - a for a, b in zip(task.times, task.times[1:])]
    typical = statistics.median(gaps) / interval
    expect(0.6 <= typical <= 3, f"With interval={interval} the runs were typically {typical:.2f} intervals "
           "apart; expected about one. Wait interval seconds between runs, no less.",
           f"با interval={interval} فاصلهٔ اجراها معمولاً {typical:.2f} بازه بود؛ انتظار حدود یک بازه می‌رفت. "
           "میان دو اجرا interval ثانیه صبر کنید، نه کمتر.")


@check("stop_fast")
def test_stop_fast():
    task = Task()
    w = guarded(student.Worker, task, LONG, what="Worker(task, interval)")
    guarded(w.start, what="start()")
    time.sleep(0.05)
    began = time.monotonic()
    ended = stop(w, LONG / 5)
    took = time.monotonic() - began
    record("stop()'s wait, as a share of interval", took / LONG, 0.1, unit="share")
    expect(ended is True and took < LONG / 10,
           f"With interval={LONG:g}, stop(timeout={LONG / 5:g}) took {took:.1f} s and returned {ended!r}: the "
           "thread only notices the request when its sleep ends. time.sleep(interval) cannot be interrupted; "
           "wait on a threading.Event instead (event.wait(interval) returns at once when stop() sets it).",
           f"با interval={LONG:g}، stop(timeout={LONG / 5:g}) {took:.1f} ثانیه طول کشید و {ended!r} برگرداند: "
           "نخ درخواست توقف را تازه پس از پایان خوابش می‌بیند. time.sleep(interval) را نمی‌شود قطع کرد؛ به جایش "
           "منتظر یک threading.Event بمانید (event.wait(interval) به محض set شدن در stop() برمی‌گردد).")


@check("stop_safe")
def test_stop_safe():
    w = guarded(student.Worker, Task(), FAST, what="Worker(task, interval)")
    expect(stop(w) is True, "stop() on a worker that never started must return True.",
           "stop() روی کارگری که هرگز شروع نشده باید True بدهد.")
    before = set(threading.enumerate())
    task = Task()
    w = started(task)
    guarded(w.start, what="start() on a running worker")
    extra = [t for t in threading.enumerate() if t not in before and not t.name.startswith("hamzaman-")]
    first, second = stop(w), stop(w)
    expect(len(extra) == 1, f"start() twice made {len(extra)} threads; start() on a running worker must do "
           "nothing.", f"دو بار start() {len(extra)} نخ ساخت؛ start() روی کارگری که در حال اجراست نباید کاری بکند.")
    expect(first is True and second is True, f"stop() then stop() again returned {first!r} and {second!r}; "
           "both must return True.", f"stop() و دوباره stop() مقدارهای {first!r} و {second!r} را دادند؛ هر دو "
           "باید True باشند.")


@check("context_manager")
def test_context_manager():
    before = set(threading.enumerate())
    task = Task()
    w = guarded(student.Worker, task, FAST, what="Worker(task, interval)")
    with w:
        ran = wait_until(lambda: len(task.times) >= 2)
    expect(ran, "Inside `with worker:` the task never ran: __enter__ must start the worker.",
           "درون `with worker:` تابع task اجرا نشد: __enter__ باید کارگر را شروع کند.")
    expect(not left_behind(before), "After leaving `with worker:` the worker thread was still running: __exit__ "
           "must stop it.", "پس از بیرون آمدن از `with worker:` نخ کارگر هنوز اجرا می‌شد: __exit__ باید آن را متوقف کند.")
    task = Task()
    w = guarded(student.Worker, task, FAST, what="Worker(task, interval)")
    try:
        with w:
            wait_until(lambda: len(task.times) >= 2)
            raise KeyError("raised inside the with block")
    except KeyError:
        pass
    else:
        fail("An exception raised inside `with worker:` disappeared: __exit__ must not swallow it.",
             "خطایی که درون `with worker:` رخ داد ناپدید شد: __exit__ نباید آن را بپوشاند.")
    expect(not left_behind(before), "After an exception inside `with worker:` the worker thread was still "
           "running: __exit__ must stop it in that case too.",
           "پس از خطایی درون `with worker:` نخ کارگر هنوز اجرا می‌شد: __exit__ در این حالت هم باید آن را متوقف کند.")


@check("errors_counted")
def test_errors_counted():
    task = Task(raise_every=2)
    w = guarded(student.Worker, task, FAST, what="Worker(task, interval)")
    guarded(w.start, what="start()")
    went_on = wait_until(lambda: len(task.times) >= 6)
    stop(w)
    expect(went_on, f"The task raised on its call number 2, and after that it was called {len(task.times) - 2} "
           "more times: the exception ended the worker thread. Catch it inside the loop, count it, and go on.",
           f"task در اجرای دومش خطا داد و پس از آن فقط {len(task.times) - 2} بار دیگر اجرا شد: خطا نخ کارگر را "
           "کشت. خطا را درون حلقه بگیرید، بشمارید و ادامه دهید.")
    expect((w.runs, w.errors) == (len(task.times), task.raised),
           f"runs = {w.runs} and errors = {w.errors}, but task was called {len(task.times)} times and raised "
           f"{task.raised} times.",
           f"runs = {w.runs} و errors = {w.errors} است، ولی task {len(task.times)} بار اجرا شد و {task.raised} "
           "بار خطا داد.")


@check("no_thread_left")
def test_no_thread_left():
    before = set(threading.enumerate())
    task = Task(takes=0.3)
    w = started(task)
    ended = stop(w, 3.0)
    running = left_behind(before, grace=0.0)
    expect(ended is True and not running,
           f"stop(timeout=3) during a 0.3 s run of task returned {ended!r} while {len(running)} worker thread(s) "
           "were still running. stop() must wait for the thread (join it, up to timeout) and say whether it ended.",
           f"stop(timeout=3) در میانهٔ اجرای ۰٫۳ ثانیه‌ای task مقدار {ended!r} را داد در حالی که {len(running)} نخ "
           "کارگر هنوز اجرا می‌شد. stop() باید منتظر نخ بماند (join، حداکثر به اندازهٔ timeout) و بگوید تمام شده یا نه.")
    task = Task(takes=1.0)
    w = started(task)
    ended = stop(w, 0.1)
    expect(ended is False, f"stop(timeout=0.1) in the middle of a 1 s run of task returned {ended!r}; the thread "
           "cannot have ended yet, so it must return False.",
           f"stop(timeout=0.1) در میانهٔ اجرای یک‌ثانیه‌ای task مقدار {ended!r} را داد؛ نخ هنوز نمی‌تواند تمام "
           "شده باشد، پس باید False بدهد.")
    expect(stop(w, 5.0) is True and not left_behind(before, grace=0.0),
           "Once the run ended, stop(timeout=5) did not end the worker thread.",
           "پس از پایان اجرا، stop(timeout=5) نخ کارگر را تمام نکرد.")
