"""Mutant: loop_kind answers from a flag run stored, not from the running loop.

catches: loop_kind
"""
from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any


def _usable_uvloop():
    """The uvloop module if it can be used here and now, else None (looked at on every call)."""
    if sys.platform == "win32":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop


_KIND = "asyncio"


def run(coro: Coroutine[Any, Any, Any], *, use_uvloop: bool = True) -> Any:
    global _KIND
    uvloop = _usable_uvloop() if use_uvloop else None
    _KIND = "asyncio" if uvloop is None else "uvloop"
    if uvloop is None:
        return asyncio.run(coro)
    return uvloop.run(coro)  # on 3.11+ the same as asyncio.Runner(loop_factory=uvloop.new_event_loop)


def loop_kind() -> str:
    return _KIND
