"""Mutant: a new max_workers-sized pool for every key: each pool runs one lookup, so nothing bounds them.

catches: max_workers
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def one(key, max_workers):
    pool = ThreadPoolExecutor(max_workers)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, lookup, key)
    finally:
        pool.shutdown(wait=False)


async def lookup_all(keys, *, max_workers=8):
    values = await asyncio.gather(*(one(k, max_workers) for k in keys))
    return dict(zip(keys, values))
