"""Alternative: one asyncio.Runner for both cases (Python 3.11+); loop_kind asks whether the loop is asyncio's own class.

requires: Python 3.11
"""
from __future__ import annotations

import asyncio
import sys
from typing import Any


def run(coro: Any, *, use_uvloop: bool = True) -> Any:
    loop_factory = None
    if use_uvloop and sys.platform != "win32":
        try:
            from uvloop import Loop as loop_factory
        except ImportError:
            loop_factory = None
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        return runner.run(coro)


def loop_kind() -> str:
    # every loop asyncio itself makes derives from BaseEventLoop; uvloop's Loop does not
    return "asyncio" if isinstance(asyncio.get_running_loop(), asyncio.BaseEventLoop) else "uvloop"
