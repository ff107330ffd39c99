"""Mutant: a uvloop loop made by hand and never closed.

catches: no_global_policy
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


def run(coro: Coroutine[Any, Any, Any], *, use_uvloop: bool = True) -> Any:
    uvloop = _usable_uvloop() if use_uvloop else None
    if uvloop is None:
        return asyncio.run(coro)
    return uvloop.new_event_loop().run_until_complete(coro)


def loop_kind() -> str:
    loop = asyncio.get_running_loop()
    return "uvloop" if type(loop).__module__.partition(".")[0] == "uvloop" else "asyncio"
