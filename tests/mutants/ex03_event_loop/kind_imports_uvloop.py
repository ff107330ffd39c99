"""Mutant: loop_kind imports uvloop without a fallback: it fails where uvloop is missing.

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


def run(coro: Coroutine[Any, Any, Any], *, use_uvloop: bool = True) -> Any:
    uvloop = _usable_uvloop() if use_uvloop else None
    if uvloop is None:
        return asyncio.run(coro)
    return uvloop.run(coro)  # on 3.11+ the same as asyncio.Runner(loop_factory=uvloop.new_event_loop)


def loop_kind() -> str:
    import uvloop

    return "uvloop" if isinstance(asyncio.get_running_loop(), uvloop.Loop) else "asyncio"
