"""Mutant: run_pipeline uses fetch_delay for both stages, ignoring process_delay.

catches: delays
"""
import asyncio


async def produce(n, queue, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n, queue, delay):
    results = []
    for _ in range(n):
        item = await queue.get()
        await asyncio.sleep(delay)
        results.append(item.upper())
    return results


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    _, results = await asyncio.gather(produce(n, queue, fetch_delay), consume(n, queue, fetch_delay))
    return results
