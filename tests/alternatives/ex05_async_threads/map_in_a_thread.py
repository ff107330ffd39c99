"""Alternative: executor.map consumed in a helper thread (run_in_executor(None, ...)), never on the loop."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


def _blocking_batch(keys, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(keys, pool.map(lookup, keys)))


async def lookup_all(keys, *, max_workers=8):
    keys = list(keys)
    return await asyncio.get_running_loop().run_in_executor(None, _blocking_batch, keys, max_workers)
