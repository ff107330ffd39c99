"""Alternative: asyncio.Runner(loop_factory=uvloop.new_event_loop) (Python 3.11+), factory None for the standard loop.

requires: Python 3.11
"""
import asyncio
import sys


def _factory(use_uvloop):
    if not use_uvloop or sys.platform == "win32":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(coro, *, use_uvloop=True):
    with asyncio.Runner(loop_factory=_factory(use_uvloop)) as runner:
        return runner.run(coro)


def loop_kind():
    module = type(asyncio.get_running_loop()).__module__
    return "uvloop" if module.startswith("uvloop") else "asyncio"
