"""Alternative: importlib.util.find_spec asks whether uvloop exists, os.name spots Windows; repr-free type check."""
import asyncio
import importlib.util
import os


def _can_use_uvloop():
    return os.name != "nt" and importlib.util.find_spec("uvloop") is not None


def run(coro, *, use_uvloop=True):
    if use_uvloop and _can_use_uvloop():
        from uvloop import run as uv_run

        return uv_run(coro)
    return asyncio.run(coro)


def loop_kind():
    cls = type(asyncio.get_running_loop())
    return "uvloop" if any(base.__module__.startswith("uvloop") for base in cls.__mro__) else "asyncio"
