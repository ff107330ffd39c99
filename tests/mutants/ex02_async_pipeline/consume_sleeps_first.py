"""Mutant: the consumer waits before taking each item instead of after: the last item is returned unprocessed, delay too early.

catches: stages
"""
import asyncio


async def produce(n, queue, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n, queue, delay):
    results = []
    for _ in range(n):
        await asyncio.sleep(delay)
        item = await queue.get()
        results.append(item.upper())
    return results


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    _, results = await asyncio.gather(produce(n, queue, fetch_delay), consume(n, queue, process_delay))
    return results
