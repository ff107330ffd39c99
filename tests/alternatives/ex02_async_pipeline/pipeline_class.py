"""Alternative: a small Pipeline class holds the queue; the module functions delegate to it; put-first producer."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class Pipeline:
    n: int
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)

    async def produce(self, delay: float) -> None:
        for i in range(self.n):
            await self.queue.put(f"page {i}")
            await asyncio.sleep(delay)

    async def consume(self, delay: float) -> list[str]:
        collected = []
        while len(collected) < self.n:
            collected.append(str.upper(await self.queue.get()))
            await asyncio.sleep(delay)
        return collected


async def produce(n, queue, delay):
    await Pipeline(n, queue).produce(delay)


async def consume(n, queue, delay):
    return await Pipeline(n, queue).consume(delay)


async def run_pipeline(n, fetch_delay, process_delay):
    pipe = Pipeline(n)
    results, _ = await asyncio.gather(pipe.consume(process_delay), pipe.produce(fetch_delay))
    return results
