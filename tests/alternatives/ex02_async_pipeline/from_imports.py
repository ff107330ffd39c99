"""Alternative: `from asyncio import Queue, sleep, create_task, gather` everywhere, and a bounded queue."""
from asyncio import Queue, create_task, gather, sleep


async def produce(n, queue, delay):
    for number in range(n):
        await sleep(delay)
        await queue.put(f"page {number}")


async def consume(n, queue, delay):
    results = []
    for _ in range(n):
        results.append((await queue.get()).upper())
        await sleep(delay)
    return results


async def run_pipeline(n, fetch_delay, process_delay):
    queue = Queue(maxsize=2)  # back-pressure: the producer never runs far ahead
    tasks = [create_task(produce(n, queue, fetch_delay)), create_task(consume(n, queue, process_delay))]
    return (await gather(*tasks))[1]
