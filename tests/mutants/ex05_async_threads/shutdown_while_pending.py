"""Mutant: starts the lookups inside `with ThreadPoolExecutor(...)` but awaits them after the block: leaving it
waits, on the loop's thread, for every lookup to finish (shutdown(wait=True) while they are still pending).

catches: loop_ticks
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers) as pool:
        pending = [loop.run_in_executor(pool, lookup, key) for key in keys]
    return dict(zip(keys, await asyncio.gather(*pending)))
