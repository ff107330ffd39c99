"""Comparing what student code returned with what the contract wants: by value, not by spelling."""
from __future__ import annotations

import math
from numbers import Real

from grader.checks import fail


def is_number(value: object) -> bool:
    """An int or a float (or another real number type), never a bool: True is no sum."""
    return isinstance(value, Real) and not isinstance(value, bool)


def close_to(got: object, want: float, rel_tol: float, abs_tol: float = 1e-12) -> bool:
    """``0`` for an empty range is as good as ``0.0``; only the value counts."""
    return is_number(got) and math.isclose(float(got), want, rel_tol=rel_tol, abs_tol=abs_tol)


def shown(value: object, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def expect_raises(exc_type: type[BaseException], call: str, func, *args, **kwargs) -> BaseException:
    """Call ``func``; return the exception it raised, or fail saying what it returned instead.

    ``call`` is how the student reads the call (``split_range(0, 10, 0)``). An exception of
    another type propagates, so the student reads which one their code raised and where.
    """
    try:
        value = func(*args, **kwargs)
    except exc_type as e:
        return e
    _returned(exc_type, call, value)


async def expect_raises_awaited(exc_type: type[BaseException], call: str, awaitable) -> BaseException:
    """:func:`expect_raises` for a coroutine: await it instead of calling."""
    try:
        value = await awaitable
    except exc_type as e:
        return e
    _returned(exc_type, call, value)


def _returned(exc_type: type[BaseException], call: str, value: object):
    name = exc_type.__name__
    fail(f"{call} returned {shown(value)} instead of raising {name}.",
         f"{call} به جای {name} مقدار {shown(value)} را برگرداند.")
