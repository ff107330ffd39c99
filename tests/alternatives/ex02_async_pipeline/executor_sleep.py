"""Alternative: the simulated work is a blocking time.sleep handed to a thread (to_thread / run_in_executor)."""
import asyncio
import time


async def produce(n, queue, delay):
    loop = asyncio.get_running_loop()
    for i in range(n):
        await loop.run_in_executor(None, time.sleep, delay)
        await queue.put(f"page {i}")


async def consume(n, queue, delay):
    pages = []
    for _ in range(n):
        pages.append(await queue.get())
        await asyncio.to_thread(time.sleep, delay)
    return [p.upper() for p in pages]


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    producer = asyncio.ensure_future(produce(n, queue, fetch_delay))
    result = await consume(n, queue, process_delay)
    await producer
    return result
