"""Alternative: gather the two coroutines directly (no explicit tasks), and unpack the pair."""
from __future__ import annotations

import asyncio


async def produce(n: int, queue: asyncio.Queue, delay: float) -> None:
    i = 0
    while i < n:
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")
        i += 1


async def consume(n: int, queue: asyncio.Queue, delay: float) -> list[str]:
    done: list[str] = []
    while len(done) < n:  # no sentinel: the count says when to stop
        text = await queue.get()
        await asyncio.sleep(delay)
        done.append(text.upper())
    return done


async def run_pipeline(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    q: asyncio.Queue[str] = asyncio.Queue()
    _nothing, pages = await asyncio.gather(produce(n, q, fetch_delay), consume(n, q, process_delay))
    return pages
