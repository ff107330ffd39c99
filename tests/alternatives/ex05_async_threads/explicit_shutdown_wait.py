"""Alternative: submit everything, gather, then an explicit pool.shutdown(wait=True) once every job is done."""
import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from legacy import lookup


async def lookup_all(keys, *, max_workers=8):
    pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="lookup")
    run = partial(asyncio.get_running_loop().run_in_executor, pool, lookup)
    try:
        answers = await asyncio.gather(*map(run, keys))
    finally:
        pool.shutdown(wait=True)
    result = {}
    for key, answer in zip(keys, answers):
        result[key] = answer
    return result
