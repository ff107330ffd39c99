"""Mutant: awaiting the producer to the end before starting the consumer: no overlap, as slow as the sync version.

catches: overlap
"""
from __future__ import annotations

import asyncio


async def produce(n: int, queue: asyncio.Queue, delay: float) -> None:
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n: int, queue: asyncio.Queue, delay: float) -> list[str]:
    results = []
    for _ in range(n):
        item = await queue.get()
        await asyncio.sleep(delay)
        results.append(item.upper())
        queue.task_done()
    return results


async def run_pipeline(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    queue: asyncio.Queue = asyncio.Queue()
    await produce(n, queue, fetch_delay)
    results = await consume(n, queue, process_delay)
    return results
