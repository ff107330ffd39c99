"""Mutant: run lets through the errors it expects (ValueError, ImportError) and wraps any other in a RuntimeError.

catches: drawn_results
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
    try:
        if uvloop is None:
            return asyncio.run(coro)
        return uvloop.run(coro)
    except (ValueError, ImportError):
        raise
    except Exception as e:
        raise RuntimeError(f"the coroutine failed: {e}") from e  # on 3.11+ the same as asyncio.Runner(loop_factory=uvloop.new_event_loop)


def loop_kind() -> str:
    loop = asyncio.get_running_loop()
    return "uvloop" if type(loop).__module__.partition(".")[0] == "uvloop" else "asyncio"
