"""Mutant: calls the blocking lookup directly inside the coroutine, on the loop's thread.

catches: loop_ticks
"""
from __future__ import annotations

from legacy import lookup


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    """``lookup(key)`` for every key, one after another, on the event loop's thread."""
    return {key: lookup(key) for key in keys}
