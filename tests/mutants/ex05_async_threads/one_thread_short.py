"""Mutant: keeps one of the max_workers threads "for the loop": only max_workers - 1 lookups run at once.

catches: max_workers
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max(1, max_workers - 1)) as pool:
        values = await asyncio.gather(*(loop.run_in_executor(pool, lookup, k) for k in keys))
    return dict(zip(keys, values))
