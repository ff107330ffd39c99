"""Hidden checks for ex01_generators (fib.py)."""
from __future__ import annotations

import itertools

import fib as student

from grader.checks import CheckFailed, check, expect, fail
from grader.checks.deadline import call_with_deadline
from grader.checks.values import is_number, shown


def reference(count):
    """The first ``count`` Fibonacci numbers, as exact integers."""
    values, a, b = [], 1, 1
    for _ in range(count):
        values.append(a)
        a, b = b, a + b
    return values


FAR = 1500  # past F(70), where floats stop being exact, and F(1475), where they overflow
EXACT = reference(FAR)
FIRST = EXACT[:20]
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


STOPPED = object()


def first_wrong(iterable, expected):
    """``(index, value)`` of the first value that differs (STOPPED if the values ran out), else None.

    Pulls one value at a time, so a sequence that drifts is shown where it drifts,
    before it overflows or stops further on.
    """
    iterator = iter(iterable)
    for i, want in enumerate(expected):
        got = next(iterator, STOPPED)
        if got is STOPPED or got != want:
            return i, got
    return None


def difference(got, expected):
    """How ``got`` differs from ``expected``, in words short enough to read when the lists are long."""
    if len(repr(got)) <= 120 and len(repr(expected)) <= 120:
        return f"is {got}, expected {expected}", f"برابر {got} است؛ انتظار می‌رفت {expected}"
    for i, (g, e) in enumerate(zip(got, expected)):
        if g != e:
            return (f"is wrong at value number {i + 1}: {shown(g)}, expected {e}",
                    f"در مقدار شمارهٔ {i + 1} اشتباه است: {shown(g)}؛ انتظار می‌رفت {e}")
    return (f"has {len(got)} values, expected {len(expected)} (the last expected is {expected[-1]})",
            f"{len(got)} مقدار دارد؛ انتظار می‌رفت {len(expected)} مقدار (آخرینش {expected[-1]})")


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
    expect(got == FIRST and all(map(is_number, got)),
           f"The first 20 values of fib() are {got}, expected {FIRST}.",
           f"۲۰ مقدار اول fib() این‌ها هستند: {got}؛ انتظار می‌رفت: {FIRST}.")
    wrong = call_with_deadline(first_wrong, student.fib(), EXACT, what=f"{FAR} values of fib()")
    if wrong is not None:
        i, got_i = wrong
        expect(got_i is not STOPPED,
               f"fib() stopped after {i} values; it must go on forever.",
               f"fib() پس از {i} مقدار تمام شد؛ باید بی‌پایان ادامه دهد.")
        expect(i >= len(FIRST),
               f"A second fib() generator went wrong at value number {i + 1}: {shown(got_i)}, expected {EXACT[i]}. "
               "Each generator must start again at 1, 1, 2, … on its own: is the state kept outside the generator "
               "(a global, a default argument, a class attribute)?",
               f"ژنراتور دومِ fib() در مقدار شمارهٔ {i + 1} اشتباه کرد: {shown(got_i)}؛ انتظار می‌رفت {EXACT[i]}. "
               "هر ژنراتور باید خودش از 1, 1, 2, … شروع کند: آیا وضعیت بیرون از ژنراتور نگه داشته شده "
               "(متغیر سراسری، آرگومان پیش‌فرض، صفت کلاس)؟")
        fail(f"fib() goes wrong far along the sequence: value number {i + 1} is {shown(got_i)}, expected "
             f"{EXACT[i]}. Fibonacci numbers are exact integers of any size: add the two previous ints "
             "(floats, as in Binet's formula with math.sqrt, lose digits after the 70th value).",
             f"fib() در ادامهٔ دنباله اشتباه می‌شود: مقدار شمارهٔ {i + 1} برابر {shown(got_i)} است؛ انتظار "
             f"می‌رفت {EXACT[i]}. عددهای فیبوناچی صحیح و دقیق‌اند، به هر بزرگی: دو int قبلی را جمع کنید "
             "(float، مثلاً در فرمول بینه با math.sqrt، پس از مقدار هفتادم رقم‌ها را از دست می‌دهد).")


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
           f"Two fib() generators disturb each other: after 10 values from one, a fresh one gave {shown(got_b)} "
           f"and the first then gave {shown(got_a)}. State shared through globals?",
           f"دو ژنراتور fib() روی هم اثر می‌گذارند: پس از ۱۰ مقدار از اولی، دومیِ تازه {shown(got_b)} داد و اولی "
           f"سپس {shown(got_a)}. حالت در متغیر سراسری نگه داشته شده؟")


@check("fib_below_values")
def test_fib_below_values():
    cases = {1000: BELOW_1000, 1: [], 0: [], -5: [], 2: [1, 1], 3: [1, 1, 2], 988: BELOW_1000,
             987: BELOW_1000[:-1], EXACT[299]: EXACT[:299], EXACT[299] + 1: EXACT[:300]}
    for limit, expected in cases.items():
        got = call_with_deadline(lambda limit=limit: list(student.fib_below(limit)), what=f"fib_below({limit})")
        if got != expected:
            en, fa = difference(got, expected)
            fail(f"list(fib_below({limit})) {en}.", f"list(fib_below({limit})) {fa}.")


@check("fib_below_lazy")
def test_fib_below_lazy():
    huge = 10 ** 100_000
    it = as_iterator(call_with_deadline(student.fib_below, huge, seconds=3, what="fib_below(10**100000)"),
                     "fib_below")
    got = call_with_deadline(first, it, 5, seconds=3, what="next(fib_below(...))")
    expect(got == FIRST[:5],
           f"The first values of fib_below(10**100000) are {shown(got)}, expected {FIRST[:5]}.",
           f"مقدارهای اول fib_below(10**100000) برابر {shown(got)} است؛ انتظار می‌رفت {FIRST[:5]}.")


@check("take_values")
def test_take_values():
    cases = [(3, [10, 20, 30, 40], [10, 20, 30]), (5, [1, 2], [1, 2]), (0, [1, 2], []),
             (2, (x for x in "abc"), ["a", "b"]), (4, range(4), [0, 1, 2, 3]), (3, [], []),
             (2, (7, 8, 9), [7, 8]), (2, "xyz", ["x", "y"])]
    given = []
    for n, items, expected in cases:
        label = "<generator of 'a', 'b', 'c'>" if iter(items) is items else repr(items)
        before = list(items) if isinstance(items, list) else None
        got = call_with_deadline(student.take, n, items, what=f"take({n}, {label})")
        expect(isinstance(got, list) and got == expected,
               f"take({n}, {label}) returned {got!r}, expected the list {expected}.",
               f"take({n}, {label}) مقدار {got!r} را برگرداند؛ انتظار می‌رفت فهرست {expected}.")
        expect(before is None or items == before,
               f"take({n}, {before}) changed the list it was given: the caller's list is now {items}. "
               "take only reads its iterable.",
               f"take({n}, {before}) فهرستی را که گرفته بود تغییر داد: فهرستِ فراخواننده اکنون {items} است. "
               "take فقط باید از iterable بخواند.")
        given.append((got, expected))
    for got, expected in given:
        expect(got == expected,
               f"take returned {expected} earlier, but that list has since become {got}: every call hands out "
               "the same list object (a default argument or a global?); each call must build a new list.",
               f"take پیش‌تر {expected} را برگرداند، اما آن فهرست بعداً {got} شده است: همهٔ فراخوانی‌ها یک شیء "
               "فهرست را برمی‌گردانند (آرگومان پیش‌فرض یا متغیر سراسری؟)؛ هر فراخوانی باید فهرست تازه‌ای بسازد.")
    try:
        got = call_with_deadline(student.take, 10 ** 12, [1, 2], what="take(10**12, [1, 2])")
    except CheckFailed:
        fail("take(10**12, [1, 2]) did not return within 5 s: after the two items ran out it went on looping "
             "towards n. Stop as soon as the iterable is exhausted.",
             "take(10**12, [1, 2]) در ۵ ثانیه برنگشت: پس از تمام شدن آن دو عضو، حلقه تا n ادامه یافت. "
             "همین که iterable تمام شد، بایستید.")
    expect(got == [1, 2],
           f"take(10**12, [1, 2]) returned {shown(got)}, expected the list [1, 2].",
           f"take(10**12, [1, 2]) مقدار {shown(got)} را برگرداند؛ انتظار می‌رفت فهرست [1, 2].")


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
    n = 1000  # past the small ints Python keeps one copy of: `len(items) is n` never holds here
    got = call_with_deadline(student.take, n, endless(), seconds=5, what=f"take({n}, <endless generator>)")
    expect(got == list(range(1, n + 1)),
           f"take({n}, <1, 2, 3, …>) returned {shown(got)} instead of the first {n} items. Compare counts with "
           "==, never with `is`: two equal large ints are often different objects.",
           f"take({n}, <1, 2, 3, …>) به جای {n} عضو اول مقدار {shown(got)} را برگرداند. شمارش‌ها را با == مقایسه "
           "کنید، نه با `is`: دو عدد صحیح بزرگِ برابر اغلب دو شیء جدا هستند.")


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
