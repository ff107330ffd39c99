"""Mutant: a hand-made loop closed only after run_until_complete succeeds: a coroutine that raises leaves the loop open.

catches: no_global_policy
"""
import asyncio
import sys


def run(coro, *, use_uvloop=True):
    loop = None
    if use_uvloop and sys.platform != "win32":
        try:
            import uvloop
            loop = uvloop.new_event_loop()
        except ImportError:
            pass
    if loop is None:
        loop = asyncio.new_event_loop()
    result = loop.run_until_complete(coro)
    loop.close()
    return result


def loop_kind():
    return "uvloop" if type(asyncio.get_running_loop()).__module__.startswith("uvloop") else "asyncio"

