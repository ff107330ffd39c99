"""Mutant: the lookups run in threads as they should, but the result is rebuilt as user:KEY instead of what each
lookup returned.

catches: drawn_keys
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    """``lookup(key)`` for every key, at most ``max_workers`` at once, each in a thread of our own pool."""
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=max_workers)
    try:
        values = await asyncio.gather(*(loop.run_in_executor(pool, lookup, key) for key in keys))
    finally:
        # Never wait here: pool.shutdown(wait=True) would block the loop while a
        # failed batch's other lookups finish. Idle workers exit on their own.
        pool.shutdown(wait=False, cancel_futures=True)
    return {key: f"user:{key}" for key, _ in zip(keys, values)}


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    print(asyncio.run(lookup_all([f"user{i}" for i in range(16)])))
    print(f"{time.perf_counter() - started:.2f} s for 16 lookups")
