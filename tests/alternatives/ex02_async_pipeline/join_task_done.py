"""Alternative: the consumer runs as a task, the producer is awaited in place, then queue.join() waits for the work."""
import asyncio


async def produce(n, queue, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        await queue.put(f"page {i}")


async def consume(n, queue, delay):
    handled = []
    for _ in range(n):
        item = await queue.get()
        try:
            await asyncio.sleep(delay)
            handled.append(item.upper())
        finally:
            queue.task_done()
    return handled


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    worker = asyncio.create_task(consume(n, queue, process_delay))
    await produce(n, queue, fetch_delay)  # the consumer is already running beside it
    await queue.join()
    return await worker
