"""Hidden checks for ex06_threads (greeter.py)."""
from __future__ import annotations

import itertools
import statistics
import threading
import time

import greeter as student
import pytest

from grader.checks import check, expect, fail, record, skip
from grader.checks.deadline import call_with_deadline
from grader.checks.isolated import run_snippet
from grader.checks.sampling import run_sampled
from grader.checks.threads import entering, left_behind
from grader.checks.values import is_number, shown

NAMES = ["Mohammad", "Ali", "Sara", "Mina", "Reza"]
CROWD = [f"Guest{i:02}" for i in range(1, 41)]  # more names than any default pool has threads (at most 32)
FILES = {student.__file__}
ATTEMPTS = 3
SEQUENTIAL_BELOW = 2.5  # of the one-name time; one after another would be len(NAMES) times it
BEAT = 0.1
BEATS = 12  # how many intervals the heartbeat snippet watches
HEARTBEAT = f"""
import json, threading, time
import greeter
beats = []
before = time.monotonic()
t = greeter.start_heartbeat({BEAT}, beats)
time.sleep({BEAT * BEATS})
seen = list(beats)
after = time.monotonic()
print(json.dumps({{"thread": isinstance(t, threading.Thread), "daemon": getattr(t, "daemon", None),
                  "alive": isinstance(t, threading.Thread) and t.is_alive(), "before": before, "after": after,
                  "beats": [b if type(b) in (int, float) else repr(b) for b in seen]}}), flush=True)
"""


def greet_all(names, count, delay):
    return call_with_deadline(student.greet_all, names, count, delay, seconds=20, what="greet_all")


def expected(names, count):
    return {name: [f"{i} - Hello {name}" for i in range(1, count + 1)] for name in names}


@check("greet_lines")
@pytest.mark.parametrize("names,count", [(NAMES[:2], 3), (NAMES, 4), (["Ali"], 1), (["Ali", "Alireza", "Reza"], 2),
                                         (NAMES[:3], 0), ([], 2)])
def test_greet_lines(names, count):
    got = greet_all(names, count, 0.01)
    want = expected(names, count)
    missing = isinstance(got, dict) and sorted(want.keys() - got.keys())
    extra = isinstance(got, dict) and sorted(map(str, got.keys() - want.keys()))
    expect(got == want, f"greet_all({names!r}, {count}, 0.01) returned {got!r}; expected {want!r}."
           + (f" Every name is a key, even with no lines: {missing} are missing." if missing else "")
           + (f" {extra} were not asked for in this call: is a result kept from an earlier call?" if extra else ""),
           f"greet_all({names!r}, {count}, 0.01) مقدار {got!r} را برگرداند؛ انتظار می‌رفت {want!r}."
           + (f" هر نام یک کلید است، حتی وقتی خطی ندارد: {missing} نیستند." if missing else "")
           + (f" {extra} در این فراخوانی خواسته نشده بودند: آیا نتیجه‌ای از فراخوانی قبلی مانده است؟" if extra else ""))


@check("greet_in_threads")
def test_greet_in_threads():
    names, count = NAMES[:3], 4
    with entering(FILES) as seen:
        greet_all(names, count, 0.02)
    expect(seen, "Every greeting ran in the calling thread; no other thread ever ran your code. "
           "Thread(target=greet(name)) calls greet at once, in the caller, and gives the thread its result "
           "(None) as target: pass the function itself and its arguments, target=greet, args=(name, ...).",
           "همهٔ سلام‌ها در همان نخی اجرا شدند که greet_all را صدا زد و هیچ نخ دیگری کد شما را اجرا نکرد. "
           "Thread(target=greet(name)) تابع greet را همان‌جا در نخ فراخواننده اجرا می‌کند و نتیجه‌اش (None) را "
           "به نخ می‌دهد: خود تابع و آرگومان‌هایش را بدهید: target=greet, args=(name, ...).")
    expect(len(seen) <= 2 * len(names),  # a helper thread or two beside them is no mistake
           f"greet_all({names!r}, {count}, 0.02) ran your code on {len(seen)} threads: the contract wants one "
           "thread per name, making all of that name's lines, not one thread per line.",
           f"greet_all({names!r}, {count}, 0.02) کد شما را روی {len(seen)} نخ اجرا کرد: قرار است برای هر نام یک نخ "
           "باشد که همهٔ خط‌های همان نام را بسازد، نه یک نخ برای هر خط.")


def timed(names, count, delay) -> float:
    began = time.perf_counter()
    greet_all(names, count, delay)
    return time.perf_counter() - began


def unless_it_sleeps(took: float, count: int, delay: float) -> None:
    """Without its sleeps the code takes no time at all, and how much of it overlaps cannot be seen."""
    if took < (count - 1) * delay * 0.99:
        skip(f"Greeting took {took:.3f} s, less than the sleeps of {count} lines of {delay} s: with no sleeps "
             "nothing overlaps that could be measured (see the check on delay).",
             f"سلام کردن {took:.3f} ثانیه طول کشید، کمتر از خواب‌های {count} خط با {delay} ثانیه: بی خواب چیزی "
             "هم‌پوشانی ندارد که بشود اندازه گرفت (بررسی مربوط به delay را ببینید).")


@check("greet_concurrent")
def test_greet_concurrent():
    count, delay = 4, 0.05
    ratios = []
    for _ in range(ATTEMPTS):  # one name, then all of them, side by side; the best ratio counts
        one = timed(NAMES[:1], count, delay)
        unless_it_sleeps(one, count, delay)
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


@check("greet_concurrent")
def test_every_name_at_once():
    count, delay = 3, 0.3  # each thread lives 0.6 s or more: long enough for 40 of them to start
    most = 0
    for _ in range(2):  # the sampler looks from outside: a second look if the first saw fewer
        began = time.monotonic()
        seen = run_sampled(student.greet_all, CROWD, count, delay, files=FILES)
        unless_it_sleeps(time.monotonic() - began, count, delay)
        most = max(most, seen.most_at_once)
        if most >= len(CROWD):
            return
    fail(f"With {len(CROWD)} names, at most {most} greeted at the same time. One thread per name means all "
         f"{len(CROWD)} run together; a ThreadPoolExecutor of its default size (a few threads per CPU) "
         "makes the others wait for a free thread.",
         f"با {len(CROWD)} نام، حداکثر {most} نام هم‌زمان سلام کردند. یک نخ برای هر نام یعنی هر {len(CROWD)} نخ "
         "با هم اجرا می‌شوند؛ ThreadPoolExecutor با اندازهٔ پیش‌فرضش (چند نخ به ازای هر CPU) بقیه را منتظر یک نخ "
         "آزاد نگه می‌دارد.")


@check("greet_delay")
def test_greet_delay():
    count, delay = 3, 0.2
    at_least = (count - 1) * delay  # sleeping only between the lines is allowed
    began = time.monotonic()
    got = greet_all(["Ali", "Sara"], count, delay)
    took = time.monotonic() - began
    expect(took >= at_least * 0.99,
           f"greet_all(['Ali', 'Sara'], {count}, {delay}) returned after {took:.2f} s, but making {count} lines "
           f"with a {delay} s sleep after each (or between them) takes at least {at_least:g} s: each thread "
           f"must sleep delay after every line, not just once or not at all. It returned {shown(got)}.",
           f"greet_all(['Ali', 'Sara'], {count}, {delay}) پس از {took:.2f} ثانیه برگشت، ولی ساختن {count} خط با "
           f"{delay} ثانیه خواب پس از هر خط (یا میان خط‌ها) دست‌کم {at_least:g} ثانیه طول می‌کشد: هر نخ باید پس از "
           f"هر خط به اندازهٔ delay بخوابد، نه فقط یک بار یا هیچ‌وقت. مقدار برگشتی {shown(got)} بود.")


@check("greet_waits")
def test_greet_waits():
    count = 3
    before = set(threading.enumerate())
    with entering(FILES, hold=0.3):  # one thread ends last, whichever it is: every one must be joined
        got = greet_all(NAMES, count, 0.05)
    at_return = {name: list(got.get(name, [])) for name in NAMES} if isinstance(got, dict) else got
    running = left_behind(before, grace=0.0)  # the lines of other names, if any, are greet_lines' business
    expect(not running,
           f"greet_all returned while {len(running)} of its threads had not ended yet, and the lines of the names "
           f"at that moment were {at_return!r}. Join every thread before returning, each one, not only the last "
           "one started.",
           f"greet_all برگشت در حالی که {len(running)} نخ آن هنوز در حال اجرا بودند و خط‌های نام‌ها در آن لحظه "
           f"{at_return!r} بود. پیش از برگرداندن نتیجه همهٔ نخ‌ها را join کنید، تک‌تکشان را، نه فقط آخرین نخی را که "
           "start شد.")
    expect(at_return == expected(NAMES, count),
           f"When greet_all returned, its threads had ended but the lines of the names were {at_return!r}: the "
           "result must hold every line they made. Build it after the last join, or let the threads fill it.",
           f"وقتی greet_all برگشت نخ‌هایش تمام شده بودند، ولی خط‌های نام‌ها {at_return!r} بود: نتیجه باید همهٔ "
           "خط‌هایی را که نخ‌ها ساخته‌اند داشته باشد. آن را پس از آخرین join بسازید، یا بگذارید خود نخ‌ها پرش کنند.")


@check("greet_waits")
def test_greet_waits_for_slow_threads():
    count, delay = 3, 0.6  # a thread of 1.2 s at least: longer than a join(timeout=1) waits
    before = set(threading.enumerate())
    began = time.monotonic()
    greet_all(["Reza"], count, delay)
    took = time.monotonic() - began
    running = left_behind(before, grace=0.0)
    expect(not running,
           f"greet_all(['Reza'], {count}, {delay}) returned after {took:.1f} s while its thread was still running: "
           "a join with a timeout gives up when the timeout is over, finished or not. Call join() without a "
           "timeout, so that it waits for as long as the thread needs.",
           f"greet_all(['Reza'], {count}, {delay}) پس از {took:.1f} ثانیه برگشت در حالی که نخش هنوز اجرا می‌شد: "
           "join با timeout وقتی زمانش تمام شود دست می‌کشد، چه نخ تمام شده باشد چه نه. join() را بی timeout صدا "
           "بزنید تا هر قدر نخ لازم دارد منتظر بماند.")


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
    before, after = heartbeat.report["before"], heartbeat.report["after"]
    odd = [b for b in beats if not is_number(b) or not before <= b <= after]
    expect(not odd,
           f"The heartbeat appended {shown(odd[:3])} (among {len(beats)} beats), but time.monotonic() read just "
           f"before start_heartbeat and after the last beat gave {before:.3f} and {after:.3f}: the beats must be "
           "time.monotonic() values themselves: not time.time() (the wall clock, which can jump), nor a "
           "count, nor a time measured from the start.",
           f"ضربان مقدارهای {shown(odd[:3])} را ثبت کرد (از میان {len(beats)} ضربان)، ولی time.monotonic() درست پیش از "
           f"start_heartbeat و پس از آخرین ضربان {before:.3f} و {after:.3f} بود: ضربان‌ها باید همان مقدارهای "
           "time.monotonic() باشند، نه time.time() (ساعت دیواری که ممکن است جابه‌جا شود)، نه شمارنده و نه زمانی که از "
           "شروع اندازه گرفته شده.")
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    typical = statistics.median(gaps) / BEAT if gaps else float("inf")
    record("typical gap between beats, in intervals", typical, 1.0, unit="intervals")
    expect(len(beats) >= BEATS // 2 and sorted(beats) == beats and 0.6 <= typical <= 1.5,
           f"In {BEAT * BEATS:g} s a heartbeat every {BEAT} s appended {len(beats)} beats, typically "
           f"{typical:.1f} intervals apart; expected about {BEATS}, one interval apart: sleep interval once "
           "per beat.",
           f"در {BEAT * BEATS:g} ثانیه، ضربانی با فاصلهٔ {BEAT} ثانیه {len(beats)} ضربان ثبت کرد که معمولاً "
           f"{typical:.1f} بازه از هم فاصله داشتند؛ انتظار حدود {BEATS} ضربان با فاصلهٔ یک بازه می‌رفت: برای هر "
           "ضربان یک بار به اندازهٔ interval بخوابید.")


@check("heartbeat_daemon")
def test_heartbeat_daemon(heartbeat):
    beats_of(heartbeat)
    expect(heartbeat.report["daemon"] is True and heartbeat.exited,
           "The heartbeat thread is not a daemon, so the program never ends: the interpreter waits for every "
           "non-daemon thread at exit, and this one loops for ever. Start it with daemon=True.",
           "نخ ضربان daemon نیست، پس برنامه هرگز تمام نمی‌شود: مفسر هنگام خروج منتظر همهٔ نخ‌های غیر daemon "
           "می‌ماند و این نخ تا ابد می‌چرخد. آن را با daemon=True بسازید.")
