"""Hidden checks for ex07_stoppable_worker (worker.py)."""
from __future__ import annotations

import statistics
import threading
import time

import worker as student

from grader.checks import check, expect, fail, record
from grader.checks.clocks import note_wall_clock
from grader.checks.deadline import call_with_deadline
from grader.checks.threads import left_behind

FAST = 0.02  # seconds between runs where the pace does not matter
PACE = 0.1  # the interval whose pace the cadence check measures
LONG = 100.0  # an interval far longer than any stop() may take
QUICK_STOP = 0.75  # "within a fraction of a second" on a quiet machine: naps of 0.5 s pass, of 1 s do not
SLACK = 0.4  # how far past its timeout stop() may return, for the scheduler's sake


class Failure(Exception):
    """Not a ValueError nor any other built-in kind: a worker must count every Exception."""


FAILURES = (ValueError, Failure, KeyError)  # what errors_counted's task raises, in turn


class Task:
    """A task that records when and in which thread it ran; it may raise or take a while."""

    def __init__(self, *, raise_every: int = 0, takes: float = 0.0, raises=(ValueError,)):
        self.times: list[float] = []
        self.threads: list[threading.Thread] = []  # thread objects: an ident is reused once its thread ends
        self.raised = 0
        self.raise_every = raise_every
        self.takes = takes
        self.raises = raises
        self.starter: threading.Thread | None = None  # the thread that called start()

    def __call__(self):
        self.times.append(time.monotonic())
        self.threads.append(threading.current_thread())
        if self.takes:
            time.sleep(self.takes)
        if self.raise_every and len(self.times) % self.raise_every == 0:
            self.raised += 1
            raise self.raises[(self.raised - 1) % len(self.raises)]("a task that fails now and then")


def wait_until(condition, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.005)
    return True


def machine_stop_latency(rounds: int = 5) -> float:
    """How long stopping a well-made worker (an Event-waiting thread, joined) takes here now: a loaded
    machine wakes threads late, and that lateness is the machine's, not the student's."""
    took = []
    for _ in range(rounds):
        stop_now = threading.Event()
        thread = threading.Thread(target=stop_now.wait, args=(LONG,), daemon=True)
        thread.start()
        began = time.monotonic()
        stop_now.set()
        thread.join()
        took.append(time.monotonic() - began)
    return statistics.median(took)


def guarded(fn, *args, what: str = ""):
    return call_with_deadline(fn, *args, seconds=15, what=what or f"{fn.__name__}()")


def stop(w, timeout: float = 1.0) -> bool:
    return guarded(w.stop, timeout, what=f"stop(timeout={timeout:g})")


def made(task: Task, interval: float = FAST):
    return guarded(student.Worker, task, interval, what="Worker(task, interval)")


def start(w, task: Task, what: str = "start()") -> None:
    def call():
        task.starter = threading.current_thread()
        w.start()

    guarded(call, what=what)


def running(task: Task, w, interval: float, runs: int) -> None:
    """Wait until ``task`` has run ``runs`` times, or stop the worker and fail."""
    within = max(5.0, 100 * interval)
    if not wait_until(lambda: len(task.times) >= runs, within):
        stop(w)
        fail(f"After start() with interval={interval:g}, task was called {len(task.times)} times in "
             f"{within:g} s; expected at least {runs}.",
             f"پس از start() با interval={interval:g}، تابع task در {within:g} ثانیه "
             f"{len(task.times)} بار اجرا شد؛ دست‌کم {runs} بار انتظار می‌رفت.")


def started(task: Task, interval: float = FAST, runs: int = 1):
    """A started worker whose task has already run ``runs`` times."""
    w = made(task, interval)
    start(w, task)
    running(task, w, interval, runs)
    return w


@check("runs_task")
def test_runs_task():
    task = Task()
    w = made(task)
    time.sleep(10 * FAST)
    expect(not task.times, f"task ran {len(task.times)} times before start() was called: only start() may "
           "start the worker, not Worker(task, interval).",
           f"task پیش از صدا زدن start() {len(task.times)} بار اجرا شد: فقط start() باید کارگر را راه بیندازد، "
           "نه Worker(task, interval).")
    start(w, task)
    running(task, w, FAST, 5)
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


@check("runs_task")
def test_counters_per_worker():
    tasks = Task(), Task(raise_every=3)
    workers = [started(task, runs=6) for task in tasks]
    for w in workers:
        stop(w)
    got = [(w.runs, w.errors) for w in workers]
    want = [(len(t.times), t.raised) for t in tasks]
    expect(got == want, f"Two workers ran side by side: their (runs, errors) were {got}, but their tasks were "
           f"called and raised {want}. Each worker counts only its own runs: keep the counters on the instance "
           "(self.runs), not on the class or in a global.",
           f"دو کارگر کنار هم اجرا شدند: (runs, errors) آن‌ها {got} بود، ولی تعداد اجرا و خطای taskهایشان {want} "
           "بود. هر کارگر فقط اجراهای خودش را می‌شمارد: شمارنده‌ها را روی خود شیء (self.runs) نگه دارید، نه روی کلاس "
           "یا در یک متغیر سراسری.")


def typical_gap(task: Task, interval: float) -> float:
    gaps = [b - a for a, b in zip(task.times, task.times[1:])]
    return statistics.median(gaps) / interval


@check("cadence")
def test_cadence():
    task = Task()
    w = started(task, PACE, runs=8)
    stop(w)
    typical = typical_gap(task, PACE)
    record("typical gap between runs, in intervals", typical, 1.0, unit="intervals")
    expect(0.6 <= typical <= 1.5, f"With interval={PACE} the runs were typically {typical:.2f} intervals "
           "apart; expected about one. Wait interval seconds between runs: not less, and only once per run.",
           f"با interval={PACE} فاصلهٔ اجراها معمولاً {typical:.2f} بازه بود؛ انتظار حدود یک بازه می‌رفت. "
           "میان دو اجرا interval ثانیه صبر کنید: نه کمتر، و در هر دور فقط یک بار.")
    note_wall_clock(student)


@check("cadence")
def test_cadence_when_failing():
    task = Task(raise_every=1)
    w = started(task, PACE, runs=8)
    stop(w)
    typical = typical_gap(task, PACE)
    expect(0.6 <= typical <= 1.5, f"With interval={PACE} and a task that raises every time, the runs were "
           f"typically {typical:.2f} intervals apart (task was called {len(task.times)} times); expected about "
           "one. A failed run must be followed by the same wait as a good one: do not skip it (a `continue` in "
           "the except block, say).",
           f"با interval={PACE} و taskی که هر بار خطا می‌دهد، فاصلهٔ اجراها معمولاً {typical:.2f} بازه بود "
           f"(task {len(task.times)} بار اجرا شد)؛ انتظار حدود یک بازه می‌رفت. پس از اجرای ناموفق هم باید همان‌قدر "
           "صبر کرد که پس از اجرای موفق: از انتظار نپرید (مثلاً با `continue` در بلوک except).")


@check("stop_fast")
def test_stop_fast():
    task = Task()
    w = made(task, LONG)
    start(w, task)
    wait_until(lambda: task.times, 0.6)  # a first run at once has happened; one after an interval is far off
    calls = len(task.times)
    began = time.monotonic()
    ended = stop(w, 2.0)
    took = time.monotonic() - began
    allowed = QUICK_STOP + 4 * machine_stop_latency()
    record(f"stop()'s wait with interval={LONG:g}", took, allowed, unit="s")
    expect(ended is True and took < allowed,
           f"With interval={LONG:g}, stop(timeout=2) took {took:.1f} s and returned {ended!r}: the thread only "
           "notices the request when its sleep ends. time.sleep(interval) cannot be interrupted, nor can a sleep "
           "cut into a few pieces of the interval; wait on a threading.Event instead (event.wait(interval) "
           "returns at once when stop() sets it).",
           f"با interval={LONG:g}، stop(timeout=2) {took:.1f} ثانیه طول کشید و {ended!r} برگرداند: نخ درخواست "
           "توقف را تازه پس از پایان خوابش می‌بیند. time.sleep(interval) را نمی‌شود قطع کرد، خوابی را هم که به چند "
           "تکه از interval تقسیم شده نه؛ به جایش منتظر یک threading.Event بمانید (event.wait(interval) به محض "
           "set شدن در stop() برمی‌گردد).")
    expect(len(task.times) == calls,
           f"task ran {len(task.times) - calls} more time(s) after stop() was called, during its wait for the "
           f"interval: stop() must end the worker, not cut the wait short and run task once more. When the wait "
           "ends because of stop() (event.wait(interval) returns True), leave the loop without calling task.",
           f"پس از صدا زدن stop()، task {len(task.times) - calls} بار دیگر اجرا شد، در میانهٔ انتظار برای interval: "
           "stop() باید کارگر را تمام کند، نه اینکه انتظار را کوتاه کند و task را یک بار دیگر اجرا کند. وقتی انتظار "
           "به خاطر stop() تمام می‌شود (event.wait(interval) مقدار True می‌دهد)، بی صدا زدن task از حلقه بیرون بروید.")


@check("stop_safe")
def test_stop_safe():
    w = made(Task())
    expect(stop(w) is True, "stop() on a worker that never started must return True.",
           "stop() روی کارگری که هرگز شروع نشده باید True بدهد.")
    task = Task()
    w = started(task)
    first, second = stop(w), stop(w)
    expect(first is True and second is True, f"stop() then stop() again returned {first!r} and {second!r}; "
           "both must return True.", f"stop() و دوباره stop() مقدارهای {first!r} و {second!r} را دادند؛ هر دو "
           "باید True باشند.")


@check("stop_safe")
def test_start_twice():
    once, twice = Task(), Task()
    workers = [made(once), made(twice)]
    start(workers[0], once)
    start(workers[1], twice)
    start(workers[1], twice, what="start() on a running worker")
    time.sleep(25 * FAST)  # both run side by side, so load slows them alike
    for w in workers:
        stop(w)
    ratio = len(twice.times) / max(1, len(once.times))
    record("runs after start() twice / runs after start() once", ratio, 1.5)
    expect(ratio < 1.5, f"A worker started twice ran task {len(twice.times)} times while one started once ran it "
           f"{len(once.times)} times in the same {25 * FAST:g} s: the second start() made a second loop. start() on a "
           "running worker must do nothing.",
           f"کارگری که دو بار start() شد task را {len(twice.times)} بار اجرا کرد و کارگری که یک بار start() شد، در "
           f"همان {25 * FAST:g} ثانیه، {len(once.times)} بار: start() دوم حلقهٔ دومی ساخت. start() روی کارگری که در "
           "حال اجراست نباید کاری بکند.")


@check("stop_safe")
def test_restart():
    task = Task()
    w = started(task)
    stop(w)
    calls = len(task.times)
    try:
        start(w, task, what="start() after stop()")
    except Exception as e:  # noqa: BLE001 - the student's own error, shown to them
        fail(f"start() after stop() raised {type(e).__name__}: {e}. A stopped worker is not running, so start() "
             "starts it again (a threading.Thread can be started only once: make a new one).",
             f"start() پس از stop() خطای {type(e).__name__}: {e} داد. کارگر متوقف‌شده در حال اجرا نیست، پس start() "
             "دوباره راهش می‌اندازد (یک threading.Thread را فقط یک بار می‌شود start کرد: نخ تازه‌ای بسازید).")
    again = wait_until(lambda: len(task.times) > calls + 2)
    ended = stop(w)
    expect(again and ended is True,
           f"After stop(), start() again ran task {len(task.times) - calls} times in 5 s and the next stop() "
           f"returned {ended!r}. A stopped worker is not running, so start() must start it again: clear the stop "
           "request (or make a new Event) before starting the new thread.",
           f"پس از stop()، start() دوباره task را در ۵ ثانیه {len(task.times) - calls} بار اجرا کرد و stop() بعدی "
           f"{ended!r} داد. کارگر متوقف‌شده در حال اجرا نیست، پس start() باید دوباره راهش بیندازد: پیش از ساختن نخ "
           "تازه، درخواست توقف را پاک کنید (یا Event تازه‌ای بسازید).")


@check("context_manager")
def test_context_manager():
    before = set(threading.enumerate())
    task = Task()
    w = made(task)
    with w as entered:
        ran = wait_until(lambda: len(task.times) >= 2)
    expect(ran, "Inside `with worker:` the task never ran: __enter__ must start the worker.",
           "درون `with worker:` تابع task اجرا نشد: __enter__ باید کارگر را شروع کند.")
    expect(entered is w, f"`with Worker(...) as w:` gave w = {entered!r}, not the worker: __enter__ must start "
           "the worker and return it (return self).",
           f"`with Worker(...) as w:` مقدار w = {entered!r} را داد، نه خود کارگر را: __enter__ باید کارگر را "
           "شروع کند و همان را برگرداند (return self).")
    expect(not left_behind(before, grace=0.0), "After leaving `with worker:` the worker thread was still running: "
           "__exit__ must stop it the way stop() does, asking it to end and waiting for the thread.",
           "پس از بیرون آمدن از `with worker:` نخ کارگر هنوز اجرا می‌شد: __exit__ باید آن را مثل stop() متوقف کند، "
           "یعنی بخواهد که تمام شود و منتظر نخ بماند.")
    task = Task()
    w = made(task)
    try:
        with w:
            wait_until(lambda: len(task.times) >= 2)
            raise KeyError("raised inside the with block")
    except KeyError:
        pass
    else:
        fail("An exception raised inside `with worker:` disappeared: __exit__ must not swallow it.",
             "خطایی که درون `with worker:` رخ داد ناپدید شد: __exit__ نباید آن را بپوشاند.")
    expect(not left_behind(before, grace=0.0), "After an exception inside `with worker:` the worker thread was "
           "still running: __exit__ must stop it in that case too.",
           "پس از خطایی درون `with worker:` نخ کارگر هنوز اجرا می‌شد: __exit__ در این حالت هم باید آن را متوقف کند.")


@check("context_manager")
def test_exit_waits_for_the_run():
    before = set(threading.enumerate())
    task = Task(takes=0.3)
    w = made(task)
    with w:
        wait_until(lambda: task.times)
    expect(not left_behind(before, grace=0.0),
           "Leaving `with worker:` while a 0.3 s run of task was in progress returned at once, with the worker "
           "thread still running: __exit__ must stop the worker the way stop() does, waiting for the thread.",
           "بیرون آمدن از `with worker:` در میانهٔ یک اجرای ۰٫۳ ثانیه‌ای task فوراً انجام شد و نخ کارگر هنوز اجرا "
           "می‌شد: __exit__ باید کارگر را مثل stop() متوقف کند و منتظر نخ بماند.")


@check("errors_counted")
def test_errors_counted():
    task = Task(raise_every=2, raises=FAILURES)
    w = made(task)
    start(w, task)
    went_on = wait_until(lambda: len(task.times) >= 8)
    stop(w)
    kinds = ", ".join(k.__name__ for k in FAILURES)
    expect(went_on, f"task raises on every second call ({kinds} in turn), and it was called only "
           f"{len(task.times)} times in 5 s: an exception ended the worker thread. Catch every Exception inside "
           "the loop, count it, and go on.",
           f"task در هر اجرای دوم خطا می‌دهد (به نوبت {kinds}) و در ۵ ثانیه فقط {len(task.times)} بار اجرا شد: "
           "خطایی نخ کارگر را کشت. هر Exception را درون حلقه بگیرید، بشمارید و ادامه دهید.")
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
    running_now = left_behind(before, grace=0.0)
    expect(ended is True and not running_now,
           f"stop(timeout=3) during a 0.3 s run of task returned {ended!r} while {len(running_now)} worker thread(s) "
           "were still running. stop() must wait for the thread (join it, up to timeout) and say whether it ended.",
           f"stop(timeout=3) در میانهٔ اجرای ۰٫۳ ثانیه‌ای task مقدار {ended!r} را داد در حالی که {len(running_now)} نخ "
           "کارگر هنوز اجرا می‌شد. stop() باید منتظر نخ بماند (join، حداکثر به اندازهٔ timeout) و بگوید تمام شده یا نه.")


@check("no_thread_left")
def test_stop_timeout():
    before = set(threading.enumerate())
    task = Task(takes=2.0)
    w = started(task)
    began = time.monotonic()
    ended = stop(w, 0.1)
    took = time.monotonic() - began
    record("stop(timeout=0.1)'s wait during a 2 s run", took, 0.1 + SLACK, unit="s")
    expect(ended is False and took < 0.1 + SLACK,
           f"stop(timeout=0.1) in the middle of a 2 s run of task returned {ended!r} after {took:.2f} s; the "
           "thread cannot have ended yet, so it must return False once the 0.1 s are up: join(timeout), "
           "with the timeout stop() was given.",
           f"stop(timeout=0.1) در میانهٔ اجرای دوثانیه‌ای task پس از {took:.2f} ثانیه مقدار {ended!r} را داد؛ نخ هنوز "
           "نمی‌تواند تمام شده باشد، پس باید پس از همان ۰٫۱ ثانیه False بدهد: join(timeout) با همان timeoutی که "
           "به stop() داده شده.")
    expect(stop(w, 5.0) is True and not left_behind(before, grace=0.0),
           "Once the run ended, stop(timeout=5) did not end the worker thread.",
           "پس از پایان اجرا، stop(timeout=5) نخ کارگر را تمام نکرد.")
