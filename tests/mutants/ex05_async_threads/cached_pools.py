"""Mutant: keeps one pool per max_workers in a global, to reuse it, and never shuts it down: the threads that
ran the lookups live on after every call.

catches: threads_end
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup

_POOLS: dict[int, ThreadPoolExecutor] = {}


async def lookup_all(keys, *, max_workers=8):
    pool = _POOLS.get(max_workers)
    if pool is None:
        pool = _POOLS[max_workers] = ThreadPoolExecutor(max_workers)
    loop = asyncio.get_running_loop()
    values = await asyncio.gather(*(loop.run_in_executor(pool, lookup, key) for key in keys))
    return dict(zip(keys, values))
