"""Alternative: asyncio.wrap_future around pool.submit, results read back per key from a dict of futures."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from legacy import lookup


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    executor = ThreadPoolExecutor(max_workers)
    try:
        pending = {key: asyncio.wrap_future(executor.submit(lookup, key)) for key in keys}
        await asyncio.gather(*pending.values())
        return {key: future.result() for key, future in pending.items()}
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
