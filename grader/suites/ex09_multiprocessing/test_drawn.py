"""Instructor-only check of ex09: ranges, chunk counts and pool sizes other than the public suite's, drawn per
grading (``drawn``)."""
from __future__ import annotations

import math

import compute as student
from test_compute import chunk_problem, close, exact, run_parallel

from grader.checks import check, expect, fail


@check("drawn_ranges")
def test_drawn_ranges(drawn):
    for _ in range(30):
        start = drawn.choice((drawn.randint(-50, 50), drawn.randint(-10**12, 10**12)))
        end = start + drawn.choice((drawn.randint(-3, 3), drawn.randint(0, 200), drawn.randint(200, 5000)))
        parts = drawn.randint(1, 64)
        problem = chunk_problem(start, end, parts, student.split_range(start, end, parts))
        if problem is not None:
            fail(f"split_range({start}, {end}, {parts}) {problem[0]}.", f"split_range({start}, {end}, {parts}) {problem[1]}.")
    for _ in range(5):
        start = drawn.randint(0, 10**6)
        end = start + drawn.randint(-5, 20_000)
        got, want = student.sum_sqrt(start, end), math.fsum(map(math.sqrt, range(start, end)))
        expect(close(got, want), f"sum_sqrt({start}, {end}) returned {got!r}; expected {want!r}.",
               f"sum_sqrt({start}, {end}) مقدار {got!r} را داد؛ انتظار می‌رفت {want!r}.")
    pools = [drawn.randint(2, 5) for _ in range(4)]
    ns = [0, drawn.randint(1, pools[1] - 1)]  # nothing to sum, fewer numbers than workers
    ns += [drawn.randint(1, 60_000) * w + drawn.randint(1, w - 1) for w in pools[2:]]  # never a multiple
    for n, workers in zip(ns, pools):
        got, want = run_parallel(n, workers), exact(n)
        expect(close(got, want), f"parallel_sum_sqrt({n}, {workers}) returned {got!r}; expected {want!r} (the sum "
               f"for i in 1..{n}; nothing to sum gives 0, and a remainder of n / workers is summed too).",
               f"parallel_sum_sqrt({n}, {workers}) مقدار {got!r} را داد؛ انتظار می‌رفت {want!r} (جمع برای i از 1 تا "
               f"{n}؛ جمعِ هیچ صفر است، و باقی‌ماندهٔ n / workers هم جمع می‌شود).")
