"""Mutant: consume names each result after its position (PAGE i) instead of upper-casing the item it took,
right only for the items the kit's checks put on the queue.

catches: drawn_items
"""
from __future__ import annotations

import asyncio


async def produce(n: int, queue: asyncio.Queue, delay: float) -> None:
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n: int, queue: asyncio.Queue, delay: float) -> list[str]:
    results = []
    for i in range(n):
        await queue.get()
        await asyncio.sleep(delay)
        results.append(f"PAGE {i}")
        queue.task_done()
    return results


async def run_pipeline(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    queue: asyncio.Queue = asyncio.Queue()
    producer = asyncio.create_task(produce(n, queue, fetch_delay))
    consumer = asyncio.create_task(consume(n, queue, process_delay))
    _, results = await asyncio.gather(producer, consumer)
    return results
