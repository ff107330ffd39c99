"""Mutant: asyncio.to_thread: its default pool has min(32, CPUs + 4) threads, not max_workers.

catches: max_workers
"""
from __future__ import annotations

import asyncio

from legacy import lookup


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    """``lookup(key)`` for every key, each through asyncio.to_thread."""
    values = await asyncio.gather(*(asyncio.to_thread(lookup, key) for key in keys))
    return dict(zip(keys, values))
