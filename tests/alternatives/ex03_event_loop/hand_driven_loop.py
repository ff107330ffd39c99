"""Alternative: a loop made, driven and closed by hand (runs on Python 3.10 too); isinstance for loop_kind."""
import asyncio
import sys


def _new_loop(use_uvloop):
    if use_uvloop and sys.platform != "win32":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def run(coro, *, use_uvloop=True):
    loop = _new_loop(use_uvloop)
    try:
        return loop.run_until_complete(coro)
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()


def loop_kind():
    loop = asyncio.get_running_loop()
    try:
        import uvloop
    except ImportError:
        return "asyncio"  # without uvloop nothing can be a uvloop loop
    return "uvloop" if isinstance(loop, uvloop.Loop) else "asyncio"
