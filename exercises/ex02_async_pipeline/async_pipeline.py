"""تمرین ۲: خط تولید ناهمگام (تولیدکننده و مصرف‌کننده). صورت تمرین در README.md کنار همین فایل است.

Exercise 2: an async producer/consumer pipeline. The task is in README.md beside this file.
"""
from __future__ import annotations

import asyncio


async def produce(n: int, queue: asyncio.Queue, delay: float) -> None:
    """For i in range(n): wait ``delay`` seconds, then put f"page {i}" on ``queue``."""
    raise NotImplementedError("produce")


async def consume(n: int, queue: asyncio.Queue, delay: float) -> list[str]:
    """Take ``n`` items one at a time, waiting ``delay`` after each; return them upper-cased, in order."""
    raise NotImplementedError("consume")


async def run_pipeline(n: int, fetch_delay: float, process_delay: float) -> list[str]:
    """Run produce and consume concurrently over one queue; return the consumer's list."""
    raise NotImplementedError("run_pipeline")


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    print(asyncio.run(run_pipeline(5, 0.2, 0.2)))
    print(f"{time.perf_counter() - started:.2f} s")
