"""Hidden checks for ex01_generators (fib.py)."""
from __future__ import annotations

import itertools

import fib as student

from grader.checks import check, expect, fail
from grader.checks.deadline import call_with_deadline

FIRST = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765]
BELOW_1000 = FIRST[:16]


class Counting:
    """An iterator that counts how many items were pulled from it."""

    def __init__(self, items):
        self._it = iter(items)
        self.pulled = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._it)
        self.pulled += 1
        return item


def first(iterable, n):
    return list(itertools.islice(iterable, n))


def as_iterator(value, name):
    expect(not isinstance(value, (list, tuple)),
           f"{name} returned a {type(value).__name__}: it must give its numbers lazily (yield), not build a collection.",
           f"{name} یک {type(value).__name__} برگرداند؛ باید عددها را با yield یکی‌یکی بدهد، نه اینکه مجموعه‌ای بسازد.")
    expect(iter(value) is value,
           f"{name} returned {type(value).__name__}, which is not an iterator (iter(x) is not x).",
           f"{name} یک {type(value).__name__} برگرداند که iterator نیست.")
    return value


@check("fib_sequence")
def test_fib_sequence():
    got = call_with_deadline(first, student.fib(), 20, what="fib()")
    if got[:1] == [0]:
        fail(f"fib() starts with 0: {got[:6]}. The course's sequence starts 1, 1, 2, 3.",
             f"fib() با 0 شروع می‌شود: {got[:6]}. دنبالهٔ درس با 1, 1, 2, 3 شروع می‌شود.")
    expect(got == FIRST,
           f"The first 20 values of fib() are {got}, expected {FIRST}.",
           f"۲۰ مقدار اول fib() این‌ها هستند: {got}؛ انتظار می‌رفت: {FIRST}.")


@check("fib_is_generator")
def test_fib_is_generator():
    gen = as_iterator(call_with_deadline(student.fib, what="fib()"), "fib()")
    far = call_with_deadline(first, gen, 1000, what="fib()")
    expect(len(far) == 1000,
           f"fib() stopped after {len(far)} values; it must go on forever.",
           f"fib() پس از {len(far)} مقدار تمام شد؛ باید بی‌پایان ادامه دهد.")


@check("fib_independent")
def test_fib_independent():
    a, b = student.fib(), student.fib()
    first(a, 10)
    got_b = first(b, 5)
    got_a = first(a, 3)
    expect(got_b == FIRST[:5] and got_a == FIRST[10:13],
           f"Two fib() generators disturb each other: after 10 values from one, a fresh one gave {got_b} "
           f"and the first then gave {got_a}. State shared through globals?",
           f"دو ژنراتور fib() روی هم اثر می‌گذارند: پس از ۱۰ مقدار از اولی، دومیِ تازه {got_b} داد و اولی سپس "
           f"{got_a}. حالت در متغیر سراسری نگه داشته شده؟")


@check("fib_below_values")
def test_fib_below_values():
    cases = {1000: BELOW_1000, 1: [], 0: [], 2: [1, 1], 3: [1, 1, 2], 988: BELOW_1000, 987: BELOW_1000[:-1]}
    for limit, expected in cases.items():
        got = call_with_deadline(lambda limit=limit: list(student.fib_below(limit)), what=f"fib_below({limit})")
        expect(got == expected,
               f"list(fib_below({limit})) is {got}, expected {expected}.",
               f"list(fib_below({limit})) برابر {got} است؛ انتظار می‌رفت {expected}.")


@check("fib_below_lazy")
def test_fib_below_lazy():
    huge = 10 ** 100_000
    it = as_iterator(call_with_deadline(student.fib_below, huge, seconds=3, what="fib_below(10**100000)"),
                     "fib_below")
    got = call_with_deadline(first, it, 5, seconds=3, what="next(fib_below(...))")
    expect(got == FIRST[:5],
           f"The first values of fib_below(10**100000) are {got}, expected {FIRST[:5]}.",
           f"مقدارهای اول fib_below(10**100000) برابر {got} است؛ انتظار می‌رفت {FIRST[:5]}.")


@check("take_values")
def test_take_values():
    cases = [(3, [10, 20, 30, 40], [10, 20, 30]), (5, [1, 2], [1, 2]), (0, [1, 2], []),
             (2, (x for x in "abc"), ["a", "b"]), (4, range(4), [0, 1, 2, 3]), (3, [], [])]
    for n, items, expected in cases:
        got = call_with_deadline(student.take, n, items, what="take")
        expect(isinstance(got, list) and got == expected,
               f"take({n}, {items!r}) returned {got!r}, expected the list {expected}.",
               f"take({n}, {items!r}) مقدار {got!r} را برگرداند؛ انتظار می‌رفت فهرست {expected}.")


@check("take_infinite")
def test_take_infinite():
    limit = 10_000

    def endless():
        for n in itertools.count(1):
            if n > limit:
                fail(f"take(5, <endless generator>) pulled more than {limit} items: it tries to read the whole "
                     "iterable (list(iterable) or similar), which never ends on an endless generator.",
                     f"take(5, <ژنراتور بی‌پایان>) بیش از {limit} عضو کشید: می‌خواهد کل iterable را بخواند "
                     "(مثلاً با list(iterable))، کاری که روی ژنراتور بی‌پایان هرگز تمام نمی‌شود.")
            yield n

    got = call_with_deadline(student.take, 5, endless(), seconds=5, what="take(5, <endless generator>)")
    expect(got == [1, 2, 3, 4, 5],
           f"take(5, <1, 2, 3, …>) returned {got!r}, expected [1, 2, 3, 4, 5].",
           f"take(5, <1, 2, 3, …>) مقدار {got!r} را برگرداند؛ انتظار می‌رفت [1, 2, 3, 4, 5].")


@check("take_exact_pull")
def test_take_exact_pull():
    for n, size in [(3, 10), (0, 10), (10, 10), (12, 4), (1, 1)]:
        source = Counting(range(size))
        call_with_deadline(student.take, n, source, what="take")
        wanted = min(n, size)
        if source.pulled == wanted + 1:
            fail(f"take({n}, <{size} items>) pulled {source.pulled} items, one more than the {wanted} it needed: "
                 "the loop fetches item n+1 before it stops, and that item is lost.",
                 f"take({n}, <{size} عضو>) {source.pulled} عضو کشید، یکی بیشتر از {wanted} عضوی که لازم داشت: "
                 "حلقه پیش از توقف عضو n+1ام را می‌گیرد و آن عضو از دست می‌رود.")
        expect(source.pulled == wanted,
               f"take({n}, <{size} items>) pulled {source.pulled} items from the iterable, expected exactly {wanted}.",
               f"take({n}, <{size} عضو>) {source.pulled} عضو کشید؛ باید دقیقاً {wanted} عضو بکشد.")


@check("take_negative")
def test_take_negative():
    for n in (-1, -5):
        try:
            got = call_with_deadline(student.take, n, [1, 2, 3], what="take")
        except ValueError:
            continue
        fail(f"take({n}, [1, 2, 3]) returned {got!r}; a negative n must raise ValueError.",
             f"take({n}, [1, 2, 3]) مقدار {got!r} را برگرداند؛ n منفی باید ValueError بدهد.")
