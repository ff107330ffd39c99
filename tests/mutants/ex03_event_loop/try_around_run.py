"""Mutant: the try around `import uvloop` also wraps uvloop.run(coro): an ImportError raised by the coroutine itself is taken for a missing uvloop and the spent coroutine is run again (RuntimeError).

catches: runs_coroutine
"""
import asyncio
import sys


def run(coro, *, use_uvloop=True):
    if use_uvloop and sys.platform != "win32":
        try:
            import uvloop
            return uvloop.run(coro)
        except ImportError:
            pass
    return asyncio.run(coro)


def loop_kind():
    return "uvloop" if type(asyncio.get_running_loop()).__module__.startswith("uvloop") else "asyncio"

