"""Alternative: max_workers coroutine workers draining an asyncio.Queue, each handing its key to a sized pool."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    todo = asyncio.Queue()
    for key in keys:
        todo.put_nowait(key)
    found = {}
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers)

    async def worker():
        while not todo.empty():
            key = todo.get_nowait()
            found[key] = await loop.run_in_executor(pool, lookup, key)

    workers = [asyncio.create_task(worker()) for _ in range(min(max_workers, len(keys)))]
    try:
        await asyncio.gather(*workers)
    finally:
        for w in workers:
            w.cancel()
        pool.shutdown(wait=False)
    return {k: found[k] for k in keys}
