"""تمرین ۵: اجرای کد مسدودکننده در نخ‌ها از درون asyncio. صورت تمرین در README.md کنار همین فایل است.

Exercise 5: running blocking code in threads from asyncio. The task is in README.md beside this file.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor  # noqa: F401 - yours to use

from legacy import lookup  # noqa: F401 - yours to use


async def lookup_all(keys: list[str], *, max_workers: int = 8) -> dict[str, str]:
    """``lookup(key)`` for every key, at most ``max_workers`` at once, each in a thread of our own pool."""
    raise NotImplementedError("lookup_all")


if __name__ == "__main__":
    import time

    started = time.perf_counter()
    print(asyncio.run(lookup_all([f"user{i}" for i in range(16)])))
    print(f"{time.perf_counter() - started:.2f} s for 16 lookups")
