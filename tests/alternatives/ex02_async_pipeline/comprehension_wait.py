"""Alternative: an async list comprehension over a one-item helper; asyncio.wait on the two tasks."""
import asyncio


async def produce(n, queue, delay):
    for page in (f"page {i}" for i in range(n)):
        await asyncio.sleep(delay)
        await queue.put(page)


async def _process_one(queue, delay):
    item = await queue.get()
    await asyncio.sleep(delay)
    return item.upper()


async def consume(n, queue, delay):
    return [await _process_one(queue, delay) for _ in range(n)]


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    loop = asyncio.get_running_loop()
    producer = loop.create_task(produce(n, queue, fetch_delay))
    consumer = loop.create_task(consume(n, queue, process_delay))
    await asyncio.wait({producer, consumer})
    producer.result()  # re-raises if the producer failed
    return consumer.result()
