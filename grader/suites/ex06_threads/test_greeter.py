"""Hidden checks for ex06_threads (greeter.py)."""
from __future__ import annotations

import itertools
import statistics
import threading
import time

import greeter as student
import pytest

from grader.checks import check, expect, fail, record
from grader.checks.deadline import call_with_deadline
from grader.checks.isolated import run_snippet
from grader.checks.sampling import run_sampled
from grader.checks.threads import left_behind

NAMES = ["Mohammad", "Ali", "Sara", "Mina", "Reza"]
FILES = {student.__file__}
ATTEMPTS = 3
SEQUENTIAL_BELOW = 2.5  # of the one-name time; one after another would be len(NAMES) times it
BEAT = 0.05
HEARTBEAT = f"""
import json, threading, time
import greeter
beats = []
t = greeter.start_heartbeat({BEAT}, beats)
time.sleep({BEAT * 12})
print(json.dumps({{"thread": isinstance(t, threading.Thread), "daemon": getattr(t, "daemon", None),
                  "alive": isinstance(t, threading.Thread) and t.is_alive(), "beats": list(beats)}}), flush=True)
"""


def greet_all(names, count, delay):
    return call_with_deadline(student.greet_all, names, count, delay, seconds=20, what="greet_all")


def expected(names, count):
    return {name: [f"{i} - Hello {name}" for i in range(1, count + 1)] for name in names}


@check("greet_lines")
@pytest.mark.parametrize("names,count", [(NAMES[:2], 3), (NAMES, 4), (["Ali"], 1)])
def test_greet_lines(names, count):
    got = greet_all(names, count, 0.01)
    want = expected(names, count)
    expect(got == want, f"greet_all({names!r}, {count}, 0.01) returned {got!r}; expected {want!r}.",
           f"greet_all({names!r}, {count}, 0.01) مقدار {got!r} را برگرداند؛ انتظار می‌رفت {want!r}.")


@check("greet_in_threads")
def test_greet_in_threads():
    seen = run_sampled(student.greet_all, NAMES[:3], 3, 0.05, files=FILES)
    expect(seen.other_threads, "Every greeting ran in the calling thread; no other thread ever ran your code. "
           "Thread(target=greet(name)) calls greet at once, in the caller, and gives the thread its result "
           "(None) as target: pass the function itself and its arguments, target=greet, args=(name, ...).",
           "همهٔ سلام‌ها در همان نخی اجرا شدند که greet_all را صدا زد و هیچ نخ دیگری کد شما را اجرا نکرد. "
           "Thread(target=greet(name)) تابع greet را همان‌جا در نخ فراخواننده اجرا می‌کند و نتیجه‌اش (None) را "
           "به نخ می‌دهد: خود تابع و آرگومان‌هایش را بدهید: target=greet, args=(name, ...).")


def timed(names, count, delay) -> float:
    began = time.perf_counter()
    greet_all(names, count, delay)
    return time.perf_counter() - began


@check("greet_concurrent")
def test_greet_concurrent():
    count, delay = 4, 0.05
    ratios = []
    for _ in range(ATTEMPTS):  # one name, then all of them, side by side; the best ratio counts
        one = timed(NAMES[:1], count, delay)
        ratios.append(timed(NAMES, count, delay) / one)
        if ratios[-1] < SEQUENTIAL_BELOW:
            break
    best = min(ratios)
    record(f"time for {len(NAMES)} names / time for one", best, SEQUENTIAL_BELOW)
    if best < SEQUENTIAL_BELOW:
        return
    fail(f"Greeting {len(NAMES)} names took {best:.1f} times as long as greeting one (best of {ATTEMPTS}); "
         f"threads that run together take about as long as one, one after another {len(NAMES)} times as long. "
         "Start every thread first and join them only afterwards: a join right after each start waits for "
         "that thread before the next one even begins.",
         f"سلام به {len(NAMES)} نام {best:.1f} برابرِ سلام به یک نام طول کشید (بهترینِ {ATTEMPTS} بار)؛ "
         f"نخ‌هایی که با هم اجرا شوند تقریباً هم‌اندازهٔ یکی طول می‌کشند و پشت سر هم {len(NAMES)} برابر. "
         "اول همهٔ نخ‌ها را start کنید و بعد همه را join کنید: join درست پس از هر start منتظر همان نخ "
         "می‌ماند و نخ بعدی تازه پس از آن شروع می‌شود.")


@check("greet_waits")
def test_greet_waits():
    count = 3
    before = set(threading.enumerate())
    got = greet_all(NAMES, count, 0.05)
    at_return = {name: list(lines) for name, lines in got.items()} if isinstance(got, dict) else got
    running = left_behind(before, grace=0.0)
    want = expected(NAMES, count)
    expect(at_return == want and not running,
           f"greet_all returned while {len(running)} of its threads were still running, and the result at that "
           f"moment was {at_return!r}. Join every thread before returning.",
           f"greet_all برگشت در حالی که {len(running)} نخ آن هنوز در حال اجرا بودند و نتیجه در آن لحظه "
           f"{at_return!r} بود. پیش از برگرداندن نتیجه، همهٔ نخ‌ها را join کنید.")


@pytest.fixture(scope="module")
def heartbeat():
    return run_snippet(HEARTBEAT)


def beats_of(ran) -> list[float]:
    report = ran.report
    if report is None:
        fail(f"start_heartbeat(interval, beats) could not be run; its output was:\n{ran.output[-800:]}",
             f"اجرای start_heartbeat(interval, beats) ممکن نشد؛ خروجی آن این بود:\n{ran.output[-800:]}")
    expect(report["thread"] and report["alive"],
           "start_heartbeat must return the threading.Thread it started, still running.",
           "start_heartbeat باید همان threading.Thread را که راه انداخته، در حال اجرا، برگرداند.")
    return report["beats"]


@check("heartbeat_beats")
def test_heartbeat_beats(heartbeat):
    beats = beats_of(heartbeat)
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    typical = statistics.median(gaps) / BEAT if gaps else float("inf")
    expect(len(beats) >= 4 and sorted(beats) == beats and 0.6 <= typical <= 3,
           f"In {BEAT * 12:g} s a heartbeat every {BEAT} s appended {len(beats)} beats, typically "
           f"{typical:.1f} intervals apart; expected about 12, one interval apart, as time.monotonic() values.",
           f"در {BEAT * 12:g} ثانیه، ضربانی با فاصلهٔ {BEAT} ثانیه {len(beats)} ضربان ثبت کرد که معمولاً "
           f"{typical:.1f} بازه از هم فاصله داشتند؛ انتظار حدود ۱۲ ضربان با فاصلهٔ یک بازه می‌رفت "
           "(مقدارهای time.monotonic()).")


@check("heartbeat_daemon")
def test_heartbeat_daemon(heartbeat):
    beats_of(heartbeat)
    expect(heartbeat.report["daemon"] is True and heartbeat.exited,
           "The heartbeat thread is not a daemon, so the program never ends: the interpreter waits for every "
           "non-daemon thread at exit, and this one loops for ever. Start it with daemon=True.",
           "نخ ضربان daemon نیست، پس برنامه هرگز تمام نمی‌شود: مفسر هنگام خروج منتظر همهٔ نخ‌های غیر daemon "
           "می‌ماند و این نخ تا ابد می‌چرخد. آن را با daemon=True بسازید.")
