"""Alternative: a TaskGroup (Python 3.11+) runs both stages; the producer puts first, then sleeps.

requires: Python 3.11
"""
import asyncio


async def produce(n, queue, delay):
    for i in range(n):
        await queue.put(f"page {i}")
        await asyncio.sleep(delay)


async def consume(n, queue, delay):
    out = []
    for _ in range(n):
        page = await queue.get()
        await asyncio.sleep(delay)
        out.append(page.upper())
    return out


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    async with asyncio.TaskGroup() as group:
        group.create_task(produce(n, queue, fetch_delay))
        consumer = group.create_task(consume(n, queue, process_delay))
    return consumer.result()


if __name__ == "__main__":
    with asyncio.Runner() as runner:
        print(runner.run(run_pipeline(5, 0.2, 0.2)))
