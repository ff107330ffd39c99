"""Alternative: asyncio.TaskGroup (3.11+), one task per key; the lookup's own exception re-raised from the group.

requires: Python 3.11
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    loop = asyncio.get_running_loop()

    async def one(pool, key):
        return await loop.run_in_executor(pool, lookup, key)

    with ThreadPoolExecutor(max_workers) as pool:
        try:
            async with asyncio.TaskGroup() as group:
                tasks = {k: group.create_task(one(pool, k)) for k in keys}
        except ExceptionGroup as failed:
            raise failed.exceptions[0] from None
    return {k: t.result() for k, t in tasks.items()}
