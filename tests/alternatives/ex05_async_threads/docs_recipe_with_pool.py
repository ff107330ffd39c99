"""Alternative: the asyncio docs recipe, run_in_executor inside `with ThreadPoolExecutor(...) as pool:`."""
import asyncio
import concurrent.futures

import legacy


async def lookup_all(keys, *, max_workers=8):
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers) as pool:
        found = await asyncio.gather(*(loop.run_in_executor(pool, legacy.lookup, k) for k in keys))
    return dict(zip(keys, found))
