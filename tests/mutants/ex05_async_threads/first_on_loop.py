"""Mutant: checks that the service answers with one direct lookup on the loop's thread first.

catches: off_loop_thread
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    """``lookup(key)`` for every key, at most ``max_workers`` at once, each in a thread of our own pool."""
    if keys:
        lookup(keys[0])  # is the service up?
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=max_workers)
    try:
        values = await asyncio.gather(*(loop.run_in_executor(pool, lookup, key) for key in keys))
    finally:
        # Never wait here: pool.shutdown(wait=True) would block the loop while a
        # failed batch's other lookups finish. Idle workers exit on their own.
        pool.shutdown(wait=False, cancel_futures=True)
    return dict(zip(keys, values))

