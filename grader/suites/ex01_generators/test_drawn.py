"""Instructor-only check of ex01: values far from the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

import fib as student
from test_fib import STOPPED, Counting, difference, first_wrong, reference

from grader.checks import check, expect, fail
from grader.checks.deadline import call_with_deadline
from grader.checks.values import shown


@check("drawn_values")
def test_drawn_values(drawn):
    n = drawn.randint(1600, 4000)
    exact = reference(n)
    wrong = call_with_deadline(first_wrong, student.fib(), exact, what=f"{n} values of fib()")
    if wrong is not None:
        i, got = wrong
        expect(got is not STOPPED,
               f"fib() stopped after {i} values (drawn: the first {n} values were read); it must go on forever, "
               "not only as far as the public checks look.",
               f"fib() پس از {i} مقدار تمام شد ({n} مقدار اول، قرعه‌کشی‌شده، خوانده شد)؛ باید بی‌پایان ادامه دهد، "
               "نه فقط تا جایی که آزمون‌های کیت می‌بینند.")
        fail(f"Value number {i + 1} of fib() is {shown(got)}, expected {exact[i]} (drawn: the first {n} values). "
             "The sequence must be right however far it is read, not only as far as the public checks look.",
             f"مقدار شمارهٔ {i + 1} از fib() برابر {shown(got)} است؛ انتظار می‌رفت {exact[i]} ({n} مقدار اول، "
             "قرعه‌کشی‌شده). دنباله باید تا هر جا که خوانده شود درست باشد، نه فقط تا جایی که آزمون‌های کیت می‌بینند.")
    for offset in drawn.sample((-1, 0, 1), 3):  # a limit on a far Fibonacci number and beside one, every seed
        k = drawn.randint(20, n - 2)
        limit = exact[k] + offset
        want = [v for v in exact if v < limit]
        got = call_with_deadline(lambda limit=limit: list(student.fib_below(limit)), what=f"fib_below(F({k + 1}){offset:+d})")
        if got != want:
            en, fa = difference(got, want)
            fail(f"list(fib_below(F({k + 1}){offset:+d})) {en}.", f"list(fib_below(F({k + 1}){offset:+d})) {fa}.")
    for relation in ("zero", "fewer", "more", "all", "any"):  # of n to the items: each contract case, every seed
        size = drawn.randint(2, 60)
        bounds = {"zero": (0, 0), "fewer": (1, size - 1), "all": (size, size), "more": (size + 1, 80), "any": (0, 80)}
        count = drawn.randint(*bounds[relation])
        items = [drawn.randint(-10**6, 10**6) for _ in range(size)]
        source = Counting(items)
        got = call_with_deadline(student.take, count, source, what=f"take({count}, <{size} items>)")
        expect(got == items[:count],
               f"take({count}, {shown(items)}) returned {shown(got)}, expected {shown(items[:count])}.",
               f"take({count}, {shown(items)}) مقدار {shown(got)} را برگرداند؛ انتظار می‌رفت {shown(items[:count])}.")
        expect(source.pulled == min(count, size),
               f"take({count}, <{size} items>) pulled {source.pulled} items, expected exactly {min(count, size)}.",
               f"take({count}, <{size} عضو>) {source.pulled} عضو کشید؛ باید دقیقاً {min(count, size)} عضو بکشد.")
