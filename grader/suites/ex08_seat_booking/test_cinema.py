"""Hidden checks for ex08_seat_booking (cinema.py)."""
from __future__ import annotations

import threading

import cinema as student

from grader.checks import CheckFailed, check, expect, fail
from grader.checks.deadline import call_with_deadline, run_together
from grader.checks.switching import forced_switches, probe_midway

ROUNDS = 3
SECONDS = 5


def guarded(fn, *args):
    return call_with_deadline(fn, *args, seconds=SECONDS, what=f"{fn.__name__}{args!r}")


def same(got, expected, call):
    """Equal values; where a bool is expected, a bool (book returns True/False, not 1/0)."""
    if isinstance(expected, bool) and got == expected and not isinstance(got, bool):
        fail(f"{call} gave {got!r} (of type {type(got).__name__}); it must return a bool: {expected!r}.",
             f"{call} مقدار {got!r} (از نوع {type(got).__name__}) را داد؛ باید یک bool برگرداند: {expected!r}.")
    expect(got == expected, f"{call} gave {got!r}, expected {expected!r}.",
           f"{call} مقدار {got!r} را داد؛ انتظار می‌رفت {expected!r}.")


class Lingering:
    """Run one call on a thread that stays alive until the block ends.

    A finished thread's id is soon reused by the next thread, and an RLock takes
    any thread with its owner's id for the owner: a lock leaked by a call made on a
    thread that then ends would let the next thread in and go unseen. While the
    caller lives, a lock it leaked stays held against every other thread.
    """

    def __init__(self, fn, *args):
        self.value, self.error = None, None
        self._done, self._release = threading.Event(), threading.Event()
        self._call = (fn, args)

    def _run(self):
        fn, args = self._call
        try:
            self.value = fn(*args)
        except BaseException as e:  # noqa: BLE001 - looked at by the test
            self.error = e
        self._done.set()
        self._release.wait()

    def __enter__(self):
        threading.Thread(target=self._run, daemon=True, name="hamzaman-lingering").start()
        fn, args = self._call
        call_with_deadline(self._done.wait, seconds=SECONDS, what=f"{fn.__name__}{args!r}")
        return self

    def __exit__(self, *exc):
        self._release.set()


def still_free(c, after, outcome=("raised ValueError", "خطای ValueError داد")):
    """After the call ``after`` ended with ``outcome``, another thread can still book: that way out gave the lock back."""
    try:
        return guarded(c.book, "nima", 1)
    except CheckFailed:
        fail(f"After {after} {outcome[0]}, book('nima', 1) from another thread waited for the lock forever: the lock "
             "that call took was never released. Take it with `with lock:` (or release it in `finally:`), so that "
             "every way out of the block, a return or an exception, gives it back.",
             f"پس از آنکه {after} {outcome[1]}، book('nima', 1) از نخی دیگر تا ابد منتظر قفل ماند: "
             "قفلی که آن فراخوانی گرفته بود هرگز آزاد نشد. قفل را با `with lock:` بگیرید (یا در `finally:` آزادش "
             "کنید) تا هر راه خروج از آن بخش، چه return و چه یک خطا، قفل را پس بدهد.")


def rejected(call, what):
    """``call`` (a Lingering) raised ValueError; any other exception is the student's to read."""
    if call.error is not None and not isinstance(call.error, ValueError):
        raise call.error
    expect(call.error is not None, f"{what} returned {call.value!r} instead of raising ValueError.",
           f"{what} به جای ValueError مقدار {call.value!r} را برگرداند.")


@check("book_basic")
def test_book_basic():
    c = guarded(student.Cinema, 10)
    same(c.available, 10, "Cinema(10).available")
    same(guarded(c.book, "ali", 3), True, "book('ali', 3) on 10 free seats")
    same(c.available, 7, "available after booking 3 of 10")
    with Lingering(c.book, "sara", 8) as call:
        if call.error is not None:
            raise call.error
        same(call.value, False, "book('sara', 8) with 7 seats left")
        same(c.available, 7, "available after a booking that did not fit")
        same(still_free(c, "book('sara', 8)", ("returned False", "مقدار False برگرداند")), True,
             "book('nima', 1) with 7 seats left")
    same(guarded(c.book, "sara", 6), True, "book('sara', 6) with 6 seats left")
    same(c.available, 0, "available after selling every seat")
    same(guarded(c.book, "reza", 1), False, "book('reza', 1) when sold out")


@check("book_validation")
def test_book_validation():
    for n in (0, -1, -5):
        c = guarded(student.Cinema, 5)
        with Lingering(c.book, "ali", n) as call:
            rejected(call, f"book('ali', {n})")
            same(c.available, 5, f"available after the rejected book('ali', {n})")
            same(still_free(c, f"book('ali', {n})"), True, f"book('nima', 1) after the rejected book('ali', {n})")
            same(guarded(c.bookings), {"nima": 1},
                 f"bookings() after the rejected book('ali', {n}) and book('nima', 1)")


@check("bookings_report")
def test_bookings_report():
    c, other = guarded(student.Cinema, 10), guarded(student.Cinema, 10)
    same(guarded(c.bookings), {}, "bookings() of a new cinema")
    for name, n in [("ali", 2), ("sara", 1), ("ali", 3)]:
        guarded(c.book, name, n)
    report = guarded(c.bookings)
    expect(isinstance(report, dict),
           f"bookings() returned a {type(report).__name__}, not a dict: it must be a copy, a dict of its own.",
           f"bookings() یک {type(report).__name__} برگرداند، نه dict: باید یک کپی باشد، dictی مستقل.")
    same(report, {"ali": 5, "sara": 1}, "bookings() after ali 2, sara 1, ali 3")
    same(guarded(c.book, "nima", 50), False, "book('nima', 50) with 5 seats left")
    same(guarded(c.bookings), {"ali": 5, "sara": 1}, "bookings() after the failed book('nima', 50)")
    same(guarded(other.bookings), {}, "bookings() of a second cinema, after bookings made in the first")
    guarded(c.book, "sara", 1)
    same(report, {"ali": 5, "sara": 1}, "a dict returned by bookings(), after a later booking (it must be a "
         "snapshot, not a live view)")
    report["hacker"] = 100
    report["ali"] = 0
    same(guarded(c.bookings), {"ali": 5, "sara": 2}, "bookings() after changing the dict it returned earlier")


@check("group_all_or_none")
def test_group_all_or_none():
    c = guarded(student.Cinema, 5)
    same(guarded(c.book_group, [("ali", 2), ("sara", 2)]), True, "book_group([ali 2, sara 2]) on 5 seats")
    same(c.available, 1, "available after a group of 4 on 5 seats")
    before = guarded(c.bookings)
    same(guarded(c.book_group, [("reza", 1), ("mina", 1)]), False, "book_group([reza 1, mina 1]) with 1 seat left")
    if c.available != 1 or guarded(c.bookings) != before:
        fail(f"A group that did not fit was partly booked: available is {c.available} and bookings() is "
             f"{guarded(c.bookings)}, but nothing should have changed.",
             f"گروهی که جا نمی‌شد نیمه‌کاره رزرو شد: available برابر {c.available} و bookings() برابر "
             f"{guarded(c.bookings)} است، در حالی که هیچ چیز نباید تغییر می‌کرد.")
    same(guarded(c.book_group, []), True, "book_group([])")
    same(c.available, 1, "available after an empty group")
    same(guarded(c.book_group, [("reza", 1)]), True, "book_group([reza 1]) with exactly 1 seat left")
    same(guarded(c.book_group, []), True, "book_group([]) on a sold-out cinema (an empty group always fits)")
    same(guarded(c.book_group, [("mina", 1)]), False, "book_group([mina 1]) on a sold-out cinema")

    v = guarded(student.Cinema, 3)
    for group, left, nima in [([("reza", 1), ("mina", 0)], 2, 1), ([("reza", 5), ("mina", -1)], 1, 2)]:
        what = f"book_group({group})"
        with Lingering(v.book_group, group) as call:
            rejected(call, what)
            same(still_free(v, what), True, f"book('nima', 1) after the rejected {what}")
            same((v.available, guarded(v.bookings)), (left, {"nima": nima}),
                 f"(available, bookings()) after the rejected {what} and book('nima', 1)")

    d = guarded(student.Cinema, 3)
    same(guarded(d.book_group, [("ali", 2), ("ali", 2)]), False,
         "book_group([ali 2, ali 2]) on 3 seats (one name twice: 4 seats in all)")
    same((d.available, guarded(d.bookings)), (3, {}), "(available, bookings()) after that group did not fit")
    same(guarded(d.book_group, [("ali", 1), ("ali", 2)]), True, "book_group([ali 1, ali 2]) on 3 seats")
    same((d.available, guarded(d.bookings)), (0, {"ali": 3}),
         "(available, bookings()) after book_group([ali 1, ali 2])")


def oversold(seats, c, successes):
    sold = sum(guarded(c.bookings).values())
    return c.available < 0 or sold > seats or sold != successes or c.available != seats - sold, sold


def refused_while_free(c, refused, scene_en, scene_fa):
    """Seats are only ever taken, never given back: a call refused for want of seats leaves fewer than it asked for.

    ``refused`` holds (call, seats it asked for) for every call that returned False.
    """
    wrongly = [call for call, need in refused if need <= c.available]
    if wrongly:
        fail(f"{scene_en}; {', '.join(wrongly)} returned False, yet {c.available} seats are still free at the end. "
             "Nothing is ever cancelled, so a refusal means the seats were not there: a group held seats for a "
             "while and gave them back (booking entry by entry, cancelling on a miss), and the others saw them "
             "taken. Check the total and book the whole group under one lock, in one go.",
             f"{scene_fa}؛ {', '.join(wrongly)} مقدار False برگرداند، با اینکه در پایان {c.available} صندلی هنوز "
             "آزاد است. هیچ رزروی لغو نمی‌شود، پس رد شدن یعنی صندلی نبود: گروهی مدتی صندلی‌ها را گرفت و بعد پس "
             "داد (رزرو تک‌تک و لغو هنگام کمبود) و دیگران آن‌ها را گرفته دیدند. مجموع را بررسی کنید و کل گروه را "
             "یک‌جا زیر یک قفل رزرو کنید.")


@check("book_race")
def test_book_race():
    seats, buyers = 4, 8
    for _ in range(ROUNDS):
        c = guarded(student.Cinema, seats)
        with forced_switches(student):
            results = run_together([lambda i=i, c=c: c.book(f"buyer{i}", 1) for i in range(buyers)])
        bad, sold = oversold(seats, c, sum(map(bool, results)))
        if bad:
            fail(f"Race condition: {buyers} threads each booked 1 seat of {seats} at the same time; "
                 f"{sum(map(bool, results))} bookings succeeded, {sold} seats are recorded and available is "
                 f"{c.available}. Check and update must both happen under one lock shared by all threads.",
                 f"race condition: {buyers} نخ هم‌زمان هر کدام ۱ صندلی از {seats} صندلی رزرو کردند؛ "
                 f"{sum(map(bool, results))} رزرو موفق شد، {sold} صندلی ثبت شده و available برابر {c.available} "
                 "است. بررسی و به‌روزرسانی هر دو باید زیر یک قفلِ مشترک میان همهٔ نخ‌ها انجام شوند.")


@check("group_race")
def test_group_race():
    seats, groups = 6, 4
    for _ in range(ROUNDS):
        c = guarded(student.Cinema, seats)
        calls = [lambda g=g, c=c: c.book_group([(f"g{g}a", 1), (f"g{g}b", 2)]) for g in range(groups)]
        with forced_switches(student):
            results = run_together(calls)
        report = guarded(c.bookings)
        partial = [g for g in range(groups) if (f"g{g}a" in report) != (f"g{g}b" in report)]
        bad, _ = oversold(seats, c, 3 * sum(map(bool, results)))
        if partial or bad:
            fail(f"A group was not atomic: {groups} threads each booked a group of 3 seats on {seats} seats; "
                 f"bookings() is {report}, available is {c.available}. Hold the lock for the whole group.",
                 f"رزرو گروهی اتمی نبود: {groups} نخ هم‌زمان هر کدام گروهی ۳ صندلی‌ای روی {seats} صندلی رزرو کردند؛ "
                 f"bookings() برابر {report} و available برابر {c.available} است. قفل را برای کل گروه نگه دارید.")
        refused_while_free(c, [(f"group g{g}", 3) for g, ok in enumerate(results) if not ok],
                           f"{groups} threads each booked a group of 3 seats on {seats} seats at once",
                           f"{groups} نخ هم‌زمان هر کدام گروهی ۳ صندلی‌ای روی {seats} صندلی رزرو کردند")
    group_that_never_fits_shows_nothing()
    groups_against_single_bookings()


def group_that_never_fits_shows_nothing():
    """A group that cannot fit, watched from another thread at every line after it first changes anything."""
    c, group = guarded(student.Cinema, 3), [("a", 2), ("b", 2)]
    refused, got = probe_midway(lambda: c.book_group(group), lambda: c.book("x", 2), watch=c,
                                modules=(student,), seconds=SECONDS)
    same(refused, False, f"book_group({group}) on Cinema(3)")
    if got is False:
        fail(f"While book_group({group}) ran on Cinema(3) (4 seats: it can never fit), book('x', 2) from another "
             "thread returned False, yet the group changed nothing in the end. The group held seats for a while "
             "and gave them back (booking entry by entry, cancelling on a miss), and the other thread saw them "
             "taken. Check the total and book the whole group under one lock, in one go.",
             f"در حالی که book_group({group}) روی Cinema(3) اجرا می‌شد (۴ صندلی: هرگز جا نمی‌شود)، book('x', 2) "
             "از نخی دیگر مقدار False برگرداند، با اینکه گروه در پایان چیزی را تغییر نداد. گروه مدتی صندلی‌ها را "
             "گرفت و بعد پس داد (رزرو تک‌تک و لغو هنگام کمبود) و نخ دیگر آن‌ها را گرفته دید. مجموع را بررسی کنید "
             "و کل گروه را یک‌جا زیر یک قفل رزرو کنید.")
    same(got, True, "book('x', 2) on Cinema(3), made while a group of 4 seats was refused")
    same((c.available, guarded(c.bookings)), (1, {"x": 2}),
         f"(available, bookings()) after book_group({group}) and book('x', 2) on Cinema(3)")


def groups_against_single_bookings():
    """Groups and single bookings at once: both must take the same lock, or a single slips into a group."""
    seats, groups, singles = 6, 3, 6
    for _ in range(ROUNDS):
        c = guarded(student.Cinema, seats)
        calls = []  # singles and groups interleaved, so that they start mixed
        for i in range(singles):
            calls.append((f"s{i}", lambda i=i, c=c: c.book(f"s{i}", 1)))
            if i < groups:
                calls.append((f"g{i}", lambda i=i, c=c: c.book_group([(f"g{i}a", 1), (f"g{i}b", 2)])))
        with forced_switches(student):
            results = dict(zip((key for key, _ in calls), run_together([fn for _, fn in calls])))
        report = guarded(c.bookings)
        wrong = []
        for g in range(groups):
            entries = {k: report[k] for k in (f"g{g}a", f"g{g}b") if k in report}
            if entries != ({f"g{g}a": 1, f"g{g}b": 2} if results[f"g{g}"] else {}):
                wrong.append(f"g{g}")
        successes = sum(3 if key.startswith("g") else 1 for key, ok in results.items() if ok)
        bad, _ = oversold(seats, c, successes)
        if wrong or bad:
            told = {key: results[key] for key in sorted(results) if key.startswith("g")}
            fail(f"Groups and single bookings raced: {groups} threads each booked a group of 3 seats while "
                 f"{singles} threads each booked 1 seat, on {seats} seats; the groups returned {told}, "
                 f"bookings() is {report} and available is {c.available}. A single booking got in between a "
                 "group's check and its booking: book and book_group must take the same lock.",
                 f"رزروهای گروهی و تکی با هم مسابقه دادند: {groups} نخ هر کدام گروهی ۳ صندلی‌ای و هم‌زمان "
                 f"{singles} نخ هر کدام ۱ صندلی روی {seats} صندلی رزرو کردند؛ گروه‌ها {told} برگرداندند، "
                 f"bookings() برابر {report} و available برابر {c.available} است. یک رزرو تکی میان بررسیِ گروه و "
                 "رزرو آن وارد شد: book و book_group باید یک قفل مشترک بگیرند.")
        refused_while_free(c, [(key, 3 if key.startswith("g") else 1) for key, ok in results.items() if not ok],
                           f"{groups} groups of 3 seats and {singles} single seats were booked at once on {seats} seats",
                           f"{groups} گروه ۳ صندلی‌ای و {singles} رزرو تک‌صندلی هم‌زمان روی {seats} صندلی انجام شد")


@check("no_deadlock")
def test_no_deadlock():
    c = guarded(student.Cinema, 100)
    same(guarded(c.book_group, [("ali", 1), ("sara", 2)]), True, "book_group([ali 1, sara 2]) on 100 seats")

    def busy(i):
        for _ in range(5):
            c.book_group([(f"w{i}", 1), (f"x{i}", 1)])
            c.book(f"y{i}", 1)
            c.bookings()

    run_together([lambda i=i: busy(i) for i in range(4)], seconds=10, what="book_group and book from 4 threads")
