"""Instructor-only check of ex08: a sequence of bookings other than the public suite's, drawn per grading (``drawn``),
replayed against a model of the contract."""
from __future__ import annotations

from collections import Counter

import cinema as student
from test_cinema import SECONDS, guarded, same

from grader.checks import check, expect
from grader.checks.deadline import TakingTurns

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


def outcome(turns: TakingTurns, call, *args):
    try:
        return turns(call, *args)
    except ValueError:
        return ValueError


def steps(drawn, model: Model, seats: int):
    """The calls, each made from the model's state at that moment: first one of every case the contract
    names (whatever the seed), then a drawn sequence, then the last seats and a sold-out cinema."""
    one, other, third = drawn.sample(NAMES, 3)
    yield "book", (one, drawn.choice((0, -drawn.randint(1, 3))))  # refused: and the lock is free again
    yield "group", [(other, drawn.randint(1, 3)), (one, drawn.choice((0, -1))), (third, 2 * seats)]  # invalid first
    yield "book", (one, drawn.randint(1, 5))
    yield "group", [(other, drawn.randint(1, 5)), (one, drawn.randint(1, 5)), (one, 1)]  # booked alone, then twice
    yield "book", (third, model.available + drawn.randint(1, 5))  # does not fit: refused, the lock free again
    yield "group", [(third, 1), (other, model.available)]  # fits entry by entry, not as a whole
    twice = model.available // 2 + 1
    yield "group", [(third, twice), (third, twice)]  # one name twice: the total does not fit
    for _ in range(drawn.randint(20, 40)):
        group = [(drawn.choice(NAMES), drawn.choice((-1, 0) + (1,) * 3 + tuple(range(1, 12))))
                 for _ in range(drawn.choice((0, 1, 1, 1, 2, 3, 4)))]
        yield ("book", group[0]) if len(group) == 1 and drawn.random() < 0.6 else ("group", group)
    if model.available:
        yield "book", (drawn.choice(NAMES), model.available)  # exactly the last seats
    yield "group", []  # nothing asked on a sold-out cinema: done
    yield "book", (drawn.choice(NAMES), 1)


@check("drawn_sequence")
def test_drawn_sequence(drawn):
    seats = drawn.randint(20, 120)
    c, model = guarded(student.Cinema, seats), Model(seats)
    turns = TakingTurns(SECONDS)  # a lock left held shows on the next call, from the other thread
    done = [f"Cinema({seats})"]
    for kind, args in steps(drawn, model, seats):
        if kind == "book":
            call, got, group = f"book{args!r}", outcome(turns, c.book, *args), [args]
        else:
            call, got, group = f"book_group({args!r})", outcome(turns, c.book_group, args), args
        want = model.book_group(group)
        done.append(call)
        history = " → ".join(done[-6:])
        expect(got is want,  # a bool, not 1 or 0
               f"{call} gave {'ValueError' if got is ValueError else repr(got)}, expected "
               f"{'ValueError' if want is ValueError else repr(want)} (the last calls: {history}).",
               f"{call} نتیجهٔ {'ValueError' if got is ValueError else repr(got)} را داد؛ انتظار می‌رفت "
               f"{'ValueError' if want is ValueError else repr(want)} (آخرین فراخوانی‌ها: {history}).")
        same((c.available, turns(c.bookings)), (model.available, dict(model.booked)),
             f"(available, bookings()) after {history}")
