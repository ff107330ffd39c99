"""تمرین ۳: انتخاب حلقهٔ رویداد (uvloop یا asyncio). صورت تمرین در README.md کنار همین فایل است.

Exercise 3: choosing the event loop (uvloop or asyncio). The task is in README.md beside this file.
"""
from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


def run(coro: Coroutine[Any, Any, Any], *, use_uvloop: bool = True) -> Any:
    """Run ``coro`` to completion and return its result: on uvloop when asked and usable, else on asyncio's loop."""
    raise NotImplementedError("run")


def loop_kind() -> str:
    """Inside a running coroutine: "uvloop" or "asyncio", from the loop that is actually running."""
    raise NotImplementedError("loop_kind")


async def _main() -> str:
    await asyncio.sleep(0.1)
    return loop_kind()


if __name__ == "__main__":
    print(run(_main()))
    print(run(_main(), use_uvloop=False))
