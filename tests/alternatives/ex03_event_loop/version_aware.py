"""Alternative: asyncio.run(loop_factory=...) on 3.12+, asyncio.Runner on 3.11, uvloop.run on 3.10; platform.system()."""
import asyncio
import platform
import sys


def run(coro, *, use_uvloop=True):
    factory = None
    if use_uvloop and platform.system() != "Windows":
        try:
            from uvloop import new_event_loop as factory
        except ImportError:
            factory = None
    if factory is None:
        return asyncio.run(coro)
    if sys.version_info >= (3, 12):
        return asyncio.run(coro, loop_factory=factory)
    if sys.version_info >= (3, 11):
        with asyncio.Runner(loop_factory=factory) as runner:
            return runner.run(coro)
    import uvloop

    return uvloop.run(coro)


def loop_kind():
    return "uvloop" if "uvloop" in type(asyncio.get_running_loop()).__module__ else "asyncio"
