"""Mutant: submits to the pool but waits with future.result(), blocking the loop.

catches: loop_ticks
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    """``lookup(key)`` for every key, at most ``max_workers`` at once, each in a thread of our own pool."""
    pool = ThreadPoolExecutor(max_workers=max_workers)
    try:
        futures = [pool.submit(lookup, key) for key in keys]
        values = [f.result() for f in futures]
    finally:
        # Never wait here: pool.shutdown(wait=True) would block the loop while a
        # failed batch's other lookups finish. Idle workers exit on their own.
        pool.shutdown(wait=False, cancel_futures=True)
    return dict(zip(keys, values))
