"""Instructor-only check of ex08: a sequence of bookings other than the public suite's, drawn per grading (``drawn``),
replayed against a model of the contract."""
from __future__ import annotations

from collections import Counter

import cinema as student
from test_cinema import guarded, same

from grader.checks import check, expect

NAMES = ("ali", "sara", "reza", "mina", "نیما", "zoë")


class Model:
    """What the contract says a cinema does, one call at a time."""

    def __init__(self, seats: int):
        self.available, self.booked = seats, Counter()

    def book_group(self, group) -> bool | type[ValueError]:
        if any(n < 1 for _, n in group):
            return ValueError
        if sum(n for _, n in group) > self.available:
            return False
        for name, n in group:
            self.booked[name] += n
            self.available -= n
        return True


def outcome(call, *args):
    try:
        return guarded(call, *args)
    except ValueError:
        return ValueError


@check("drawn_sequence")
def test_drawn_sequence(drawn):
    seats = drawn.randint(20, 120)
    c, model = guarded(student.Cinema, seats), Model(seats)
    done = [f"Cinema({seats})"]
    one, other = drawn.sample(NAMES, 2)
    # first a name booked alone and then again in a group (twice in it), then anything
    groups = [[(one, drawn.randint(1, 5))], [(other, drawn.randint(1, 5)), (one, drawn.randint(1, 5)), (one, 1)]]
    for _ in range(drawn.randint(20, 40)):
        groups.append([(drawn.choice(NAMES), drawn.choice((-1, 0) + (1,) * 3 + tuple(range(1, 12))))
                       for _ in range(drawn.choice((0, 1, 1, 1, 2, 3, 4)))])
    for group in groups:
        if len(group) == 1 and drawn.random() < 0.6:
            call, got = f"book{group[0]!r}", outcome(c.book, *group[0])
        else:
            call, got = f"book_group({group!r})", outcome(c.book_group, group)
        want = model.book_group(group)
        done.append(call)
        history = " → ".join(done[-6:])
        expect(got is want,  # a bool, not 1 or 0
               f"{call} gave {'ValueError' if got is ValueError else repr(got)}, expected "
               f"{'ValueError' if want is ValueError else repr(want)} (the last calls: {history}).",
               f"{call} نتیجهٔ {'ValueError' if got is ValueError else repr(got)} را داد؛ انتظار می‌رفت "
               f"{'ValueError' if want is ValueError else repr(want)} (آخرین فراخوانی‌ها: {history}).")
        same((c.available, guarded(c.bookings)), (model.available, dict(model.booked)),
             f"(available, bookings()) after {history}")
