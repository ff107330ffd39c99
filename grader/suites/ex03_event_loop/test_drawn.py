"""Instructor-only check of ex03: results and exceptions other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

import asyncio

import loop as student
from test_loop import isolated  # noqa: F401 - autouse: what a submission leaves behind does not leak

from grader.checks import check, expect, fail
from grader.checks.values import shown


class DrawnError(Exception):
    """A kind of exception no public check raises."""


KINDS = (KeyError, LookupError, ArithmeticError, ZeroDivisionError, OSError, TypeError, DrawnError)


async def gathered(parts: list):
    async def one(value):
        await asyncio.sleep(0)
        return value

    return dict(zip(map(str, range(len(parts))), await asyncio.gather(*map(one, parts))))


async def raising(error: BaseException):
    await asyncio.sleep(0)
    raise error


def option(drawn) -> dict:
    return drawn.choice(({}, {"use_uvloop": True}, {"use_uvloop": False}))


@check("drawn_results")
def test_drawn_results(drawn):
    for _ in range(4):
        parts = [drawn.choice((drawn.randint(-10**9, 10**9), drawn.random(), "".join(drawn.sample("abcdefgh", 4)),
                               None, [drawn.randint(0, 9)] * drawn.randint(0, 3))) for _ in range(drawn.randint(0, 6))]
        kwargs = option(drawn)
        want = {str(i): p for i, p in enumerate(parts)}
        got = student.run(gathered(parts), **kwargs)
        expect(got == want, f"run(coro, **{kwargs}) returned {shown(got)}, not the coroutine's result {shown(want)}.",
               f"run(coro, **{kwargs}) مقدار {shown(got)} را برگرداند، نه نتیجهٔ coroutine یعنی {shown(want)}.")
    for kind in drawn.sample(KINDS, 3):
        kwargs = option(drawn)
        error = kind(f"drawn {drawn.randint(0, 10**6)}")
        try:
            got = student.run(raising(error), **kwargs)
        except kind as e:
            expect(e.args == error.args, f"run(coro, **{kwargs}) raised {kind.__name__}{e.args}, expected "
                   f"{kind.__name__}{error.args}: the coroutine's own exception, unchanged.",
                   f"run(coro, **{kwargs}) خطای {kind.__name__}{e.args} داد؛ انتظار می‌رفت {kind.__name__}{error.args}: "
                   "همان خطای خود coroutine، بی‌تغییر.")
            continue
        except Exception as e:  # noqa: BLE001 - what came out instead is what the student reads
            fail(f"run(coro, **{kwargs}) on a coroutine that raises {kind.__name__} raised {type(e).__name__}: {e}. "
                 "Whatever the coroutine raises must reach the caller unchanged, not only the kinds you expect.",
                 f"run(coro, **{kwargs}) روی coroutineی که {kind.__name__} می‌دهد خطای {type(e).__name__}: {e} را داد. "
                 "هر خطایی که coroutine بدهد باید بی‌تغییر به فراخواننده برسد، نه فقط نوع‌هایی که انتظارشان را دارید.")
        fail(f"run(coro, **{kwargs}) on a coroutine that raises {kind.__name__} returned {shown(got)}.",
             f"run(coro, **{kwargs}) روی coroutineی که {kind.__name__} می‌دهد مقدار {shown(got)} را برگرداند.")
