"""Instructor-only check of ex06: names and counts other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

from test_greeter import expected, greet_all

from grader.checks import check, expect

RESHAPED = ("ali", "mohammad reza", "zoë", "x", "ZHU", "anna-lena", "li wei")  # what .title() or .lower() would change
PARTS = RESHAPED + ("Sara", "نرگس", "O'Neil", "دُرسا")


@check("drawn_names")
def test_drawn_names(drawn):
    stem = drawn.choice(PARTS)  # a name inside another one: the lines must still go to the right name
    names = [drawn.choice(RESHAPED), stem, stem + drawn.choice(PARTS)] + [
        drawn.choice(PARTS) + drawn.choice(("", "", str(drawn.randint(1, 99)))) for _ in range(drawn.randint(0, 5))]
    drawn.shuffle(names)
    names = list(dict.fromkeys(names))
    count = drawn.randint(1, 12)
    got = greet_all(names, count, 0)
    want = expected(names, count)
    expect(got == want, f"greet_all({names!r}, {count}, 0) returned {got!r:.400}; expected {want!r:.400}.",
           f"greet_all({names!r}, {count}, 0) مقدار {got!r:.400} را برگرداند؛ انتظار می‌رفت {want!r:.400}.")
