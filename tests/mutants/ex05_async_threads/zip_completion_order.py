"""Mutant: collects the values with as_completed and zips them with the keys: a key gets whichever lookup
finished in its place, so the mapping is wrong as soon as lookups finish out of order.

catches: results
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers) as pool:
        values = [await f for f in asyncio.as_completed([loop.run_in_executor(pool, lookup, k) for k in keys])]
    return dict(zip(keys, values))
