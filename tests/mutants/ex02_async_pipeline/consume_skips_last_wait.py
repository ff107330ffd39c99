"""Mutant: no processing wait after the last item ("nothing comes after it"): the last page is returned unprocessed.

catches: stages
"""
import asyncio


async def produce(n, queue, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n, queue, delay):
    results = []
    for i in range(n):
        item = await queue.get()
        results.append(item.upper())
        if i < n - 1:
            await asyncio.sleep(delay)
    return results


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    _, results = await asyncio.gather(produce(n, queue, fetch_delay), consume(n, queue, process_delay))
    return results
