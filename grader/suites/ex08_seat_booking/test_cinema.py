"""Hidden checks for ex08_seat_booking (cinema.py)."""
from __future__ import annotations

import cinema as student
import pytest

from grader.checks import check, expect, fail
from grader.checks.deadline import call_with_deadline, run_together
from grader.checks.switching import forced_switches

ROUNDS = 3


def guarded(fn, *args):
    return call_with_deadline(fn, *args, seconds=5, what=f"{fn.__name__}{args!r}")


def same(got, expected, call):
    expect(got == expected, f"{call} gave {got!r}, expected {expected!r}.",
           f"{call} مقدار {got!r} را داد؛ انتظار می‌رفت {expected!r}.")


@check("book_basic")
def test_book_basic():
    c = guarded(student.Cinema, 10)
    same(c.available, 10, "Cinema(10).available")
    same(guarded(c.book, "ali", 3), True, "book('ali', 3) on 10 free seats")
    same(c.available, 7, "available after booking 3 of 10")
    same(guarded(c.book, "sara", 8), False, "book('sara', 8) with 7 seats left")
    same(c.available, 7, "available after a booking that did not fit")
    same(guarded(c.book, "sara", 7), True, "book('sara', 7) with 7 seats left")
    same(c.available, 0, "available after selling every seat")
    same(guarded(c.book, "reza", 1), False, "book('reza', 1) when sold out")


@check("book_validation")
@pytest.mark.parametrize("n", [0, -1, -5])
def test_book_validation(n):
    c = guarded(student.Cinema, 5)
    try:
        got = guarded(c.book, "ali", n)
    except ValueError:
        got = ValueError
    expect(got is ValueError, f"book('ali', {n}) returned {got!r}; n < 1 must raise ValueError.",
           f"book('ali', {n}) مقدار {got!r} را برگرداند؛ n < 1 باید ValueError بدهد.")
    same(c.available, 5, f"available after the rejected book('ali', {n})")


@check("bookings_report")
def test_bookings_report():
    c = guarded(student.Cinema, 10)
    same(guarded(c.bookings), {}, "bookings() of a new cinema")
    for name, n in [("ali", 2), ("sara", 1), ("ali", 3)]:
        guarded(c.book, name, n)
    report = guarded(c.bookings)
    same(report, {"ali": 5, "sara": 1}, "bookings() after ali 2, sara 1, ali 3")
    report["hacker"] = 100
    report["ali"] = 0
    same(guarded(c.bookings), {"ali": 5, "sara": 1}, "bookings() after changing the dict it returned earlier")


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
    try:
        guarded(c.book_group, [("reza", 1), ("mina", 0)])
        fail("book_group([reza 1, mina 0]) did not raise ValueError.",
             "book_group([reza 1, mina 0]) خطای ValueError نداد.")
    except ValueError:
        pass
    same((c.available, guarded(c.bookings)), (1, before), "(available, bookings()) after a group with n = 0")
    same(guarded(c.book_group, [("reza", 1)]), True, "book_group([reza 1]) with exactly 1 seat left")


def oversold(seats, c, successes):
    sold = sum(guarded(c.bookings).values())
    return c.available < 0 or sold > seats or sold != successes or c.available != seats - sold, sold


@check("book_race")
def test_book_race():
    seats, buyers = 4, 8
    for _ in range(ROUNDS):
        c = guarded(student.Cinema, seats)
        with forced_switches(student):
            results = run_together([lambda i=i: c.book(f"buyer{i}", 1) for i in range(buyers)])
        bad, sold = oversold(seats, c, sum(map(bool, results)))
        if bad:
            fail(f"Race condition: {buyers} threads each booked 1 seat of {seats} at the same time; "
                 f"{sum(map(bool, results))} bookings succeeded, {sold} seats are recorded and available is "
                 f"{c.available}. Check and update must both happen under one lock shared by all threads.",
                 f"شرایط رقابتی (race condition): {buyers} نخ هم‌زمان هر کدام ۱ صندلی از {seats} صندلی رزرو کردند؛ "
                 f"{sum(map(bool, results))} رزرو موفق شد، {sold} صندلی ثبت شده و available برابر {c.available} "
                 "است. بررسی و به‌روزرسانی هر دو باید زیر یک قفلِ مشترک میان همهٔ نخ‌ها انجام شوند.")


@check("group_race")
def test_group_race():
    seats, groups = 6, 4
    for _ in range(ROUNDS):
        c = guarded(student.Cinema, seats)
        calls = [lambda g=g: c.book_group([(f"g{g}a", 1), (f"g{g}b", 2)]) for g in range(groups)]
        with forced_switches(student):
            results = run_together(calls)
        report = guarded(c.bookings)
        partial = [g for g in range(groups) if (f"g{g}a" in report) != (f"g{g}b" in report)]
        bad, sold = oversold(seats, c, 3 * sum(map(bool, results)))
        if partial or bad:
            fail(f"A group was not atomic: {groups} threads each booked a group of 3 seats on {seats} seats; "
                 f"bookings() is {report}, available is {c.available}. Hold the lock for the whole group.",
                 f"رزرو گروهی اتمی نبود: {groups} نخ هم‌زمان هر کدام گروهی ۳ صندلی‌ای روی {seats} صندلی رزرو کردند؛ "
                 f"bookings() برابر {report} و available برابر {c.available} است. قفل را برای کل گروه نگه دارید.")


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
