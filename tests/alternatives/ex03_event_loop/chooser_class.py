"""Alternative: a LoopChooser class decides on each call; contextlib.closing around a hand-made loop."""
from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable


class LoopChooser:
    """Picks the loop factory when asked, never at import time."""

    def __init__(self, want_uvloop: bool):
        self.want_uvloop = want_uvloop

    def factory(self) -> Callable[[], asyncio.AbstractEventLoop]:
        if self.want_uvloop and sys.platform != "win32":
            try:
                import uvloop
            except ModuleNotFoundError:
                pass
            else:
                return uvloop.Loop
        return asyncio.SelectorEventLoop if sys.platform != "win32" else asyncio.ProactorEventLoop

    def run(self, coro):
        with contextlib.closing(self.factory()()) as loop:
            return loop.run_until_complete(coro)


def run(coro, *, use_uvloop=True):
    return LoopChooser(use_uvloop).run(coro)


def loop_kind():
    name = type(asyncio.get_running_loop()).__module__
    return {"uvloop": "uvloop"}.get(name.partition(".")[0], "asyncio")
