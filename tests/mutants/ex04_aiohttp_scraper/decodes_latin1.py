"""Mutant: fetch_html decodes the body as Latin-1 whatever the page says, so a non-ASCII title comes out garbled.

catches: drawn_pages
"""
from __future__ import annotations

import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session: aiohttp.ClientSession, url: str) -> str:
    """GET ``url`` with ``session``; raise on an HTTP error status, else return the body."""
    async with session.get(url) as response:
        response.raise_for_status()
        return (await response.read()).decode("latin-1")


async def get_titles(urls: list[str], *, limit: int = 10, timeout: float = 10.0) -> list[str | None]:
    """The first ``<h1>`` of each page, in the order of ``urls``; ``None`` for a page that failed."""
    slots = asyncio.Semaphore(limit)

    async with aiohttp.ClientSession() as session:

        async def title_of(url: str) -> str | None:
            async with slots:  # the timeout starts only once a slot is ours
                try:
                    html = await asyncio.wait_for(fetch_html(session, url), timeout)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    return None
            return parse_title(html)

        return await asyncio.gather(*(title_of(url) for url in urls))


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    titles = asyncio.run(get_titles(sys.argv[1:]))
    for url, title in zip(sys.argv[1:], titles):
        print(f"{title!r:40} {url}")
    print(f"{time.perf_counter() - started:.2f} s")
