"""Alternative: a Semaphore around asyncio.to_thread, the loop's default executor replaced by a sized pool."""
import asyncio
import concurrent.futures

import legacy


async def lookup_all(keys, *, max_workers=8):
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max_workers)
    asyncio.get_running_loop().set_default_executor(pool)
    gate = asyncio.Semaphore(max_workers)

    async def one(key):
        async with gate:
            return key, await asyncio.to_thread(legacy.lookup, key)

    try:
        pairs = await asyncio.gather(*(one(k) for k in keys))
    finally:
        pool.shutdown(wait=False)
    return dict(pairs)
