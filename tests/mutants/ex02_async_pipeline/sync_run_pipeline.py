"""Mutant: run_pipeline as a plain function around asyncio.run: not the coroutine the contract asks for.

catches: pipeline_result
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


def run_pipeline(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    return asyncio.run(_both(n, fetch_delay, process_delay))


async def _both(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    queue: asyncio.Queue = asyncio.Queue()
    producer = asyncio.create_task(produce(n, queue, fetch_delay))
    consumer = asyncio.create_task(consume(n, queue, process_delay))
    _, results = await asyncio.gather(producer, consumer)
    return results
