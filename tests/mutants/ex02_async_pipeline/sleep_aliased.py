"""Mutant: `from time import sleep as pause` called in the producer: an alias is still time.sleep.

catches: no_blocking_source
"""
from __future__ import annotations

import asyncio
from time import sleep as pause


async def produce(n: int, queue: asyncio.Queue, delay: float) -> None:
    for i in range(n):
        pause(delay)
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
    producer = asyncio.create_task(produce(n, queue, fetch_delay))
    consumer = asyncio.create_task(consume(n, queue, process_delay))
    _, results = await asyncio.gather(producer, consumer)
    return results
