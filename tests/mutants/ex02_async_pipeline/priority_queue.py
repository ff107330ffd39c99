"""Mutant: run_pipeline makes an asyncio.PriorityQueue: strings sort, so "page 10" comes out before "page 2".

catches: pipeline_result
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
    queue = asyncio.PriorityQueue()
    _, results = await asyncio.gather(produce(n, queue, fetch_delay), consume(n, queue, process_delay))
    return results
