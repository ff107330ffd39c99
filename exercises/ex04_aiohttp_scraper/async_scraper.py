"""تمرین ۴: خزندهٔ ناهم‌گام با aiohttp. صورت تمرین در README.md کنار همین فایل است.

Exercise 4: an asynchronous scraper with aiohttp. The task is in README.md beside this file.
"""
from __future__ import annotations

import asyncio

import aiohttp

from sync_scraper import parse_title  # noqa: F401 - yours to use


async def fetch_html(session: aiohttp.ClientSession, url: str) -> str:
    """GET ``url`` with ``session``; raise on an HTTP error status, else return the body."""
    raise NotImplementedError("fetch_html")


async def get_titles(urls: list[str], *, limit: int = 10, timeout: float = 10.0) -> list[str | None]:
    """The first ``<h1>`` of each page, in the order of ``urls``; ``None`` for a page that failed."""
    raise NotImplementedError("get_titles")


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    titles = asyncio.run(get_titles(sys.argv[1:]))
    for url, title in zip(sys.argv[1:], titles):
        print(f"{title!r:40} {url}")
    print(f"{time.perf_counter() - started:.2f} s")
