"""Alternative: importlib.import_module finds uvloop at call time; uvloop.run or asyncio.run; module name via sys.modules."""
from __future__ import annotations

import asyncio
import importlib
import sys
from types import ModuleType


def _uvloop() -> ModuleType | None:
    try:
        return importlib.import_module("uvloop")
    except ImportError:
        return None


def run(coro, *, use_uvloop: bool = True):
    uv = _uvloop() if use_uvloop and not sys.platform.startswith("win") else None
    runner = uv.run if uv is not None else asyncio.run
    return runner(coro)


def loop_kind() -> str:
    loop_type = type(asyncio.get_running_loop())
    top = loop_type.__module__.split(".")[0]
    return "uvloop" if top == "uvloop" else "asyncio"
