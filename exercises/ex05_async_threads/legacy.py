"""تمرین ۵ (فایل داده‌شده): کتابخانه‌ای قدیمی که فقط نسخهٔ مسدودکننده (blocking) دارد. این فایل را تغییر ندهید.

Exercise 5 (given file): an old library with only a blocking API. Do not edit it.
Think of a directory service reached through a driver that has no async
version: each call holds the calling thread until the answer arrives.
"""
from __future__ import annotations

import time

DELAY = 0.25  # seconds one lookup keeps its thread waiting


def lookup(key: str) -> str:
    """The record stored under ``key``; ``KeyError`` for an empty key. Blocks for ``DELAY`` s."""
    if not key:
        raise KeyError(key)
    time.sleep(DELAY)
    return f"user:{key}"


if __name__ == "__main__":
    started = time.perf_counter()
    print([lookup(k) for k in ("ali", "sara", "reza")])
    print(f"{time.perf_counter() - started:.2f} s, one lookup after another")
