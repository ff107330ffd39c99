"""Mutant: time.sleep hidden in a sync helper the consumer calls: no linter sees it; the run-time watch does.

catches: no_blocking_runtime
"""
from __future__ import annotations

import asyncio
import time


def process(item: str, delay: float) -> str:
    time.sleep(delay)
    return item.upper()


async def produce(n: int, queue: asyncio.Queue, delay: float) -> None:
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n: int, queue: asyncio.Queue, delay: float) -> list[str]:
    results = []
    for _ in range(n):
        item = await queue.get()
        results.append(process(item, delay))
        queue.task_done()
    return results


async def run_pipeline(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    queue: asyncio.Queue = asyncio.Queue()
    producer = asyncio.create_task(produce(n, queue, fetch_delay))
    consumer = asyncio.create_task(consume(n, queue, process_delay))
    _, results = await asyncio.gather(producer, consumer)
    return results
