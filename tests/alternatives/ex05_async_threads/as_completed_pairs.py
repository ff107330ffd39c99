"""Alternative: asyncio.as_completed over coroutines that return (key, value) pairs, so order does not matter."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers)

    async def pair(key):
        return key, await loop.run_in_executor(pool, lookup, key)

    out = {}
    try:
        for next_done in asyncio.as_completed([pair(k) for k in keys]):
            key, value = await next_done
            out[key] = value
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return {k: out[k] for k in keys}
