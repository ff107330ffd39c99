"""Mutant: executor.map consumed by the coroutine itself: each next() waits for a lookup on the loop's thread.

catches: loop_ticks
"""
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return dict(zip(keys, pool.map(lookup, keys)))
