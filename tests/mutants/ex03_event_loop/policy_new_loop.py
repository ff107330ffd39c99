"""Mutant: the standard loop made with asyncio.get_event_loop_policy().new_event_loop(): the policy getter is deprecated from Python 3.14.

catches: no_deprecation
"""
import asyncio
import sys


def run(coro, *, use_uvloop=True):
    if use_uvloop and sys.platform != "win32":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            return uvloop.run(coro)
    loop = asyncio.get_event_loop_policy().new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def loop_kind():
    return "uvloop" if type(asyncio.get_running_loop()).__module__.startswith("uvloop") else "asyncio"

