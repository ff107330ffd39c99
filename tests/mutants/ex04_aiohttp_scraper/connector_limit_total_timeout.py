"""Mutant: Bounds concurrency with TCPConnector(limit=limit) and times each request with
ClientTimeout(total=timeout): aiohttp's total timeout includes the wait for a free connection of the
pool, so the URLs at the back of the queue time out while merely waiting for a slot.

catches: timeout_from_start
"""
from __future__ import annotations

import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session: aiohttp.ClientSession, url: str) -> str:
    """GET ``url`` with ``session``; raise on an HTTP error status, else return the body."""
    async with session.get(url) as response:
        response.raise_for_status()
        return await response.text()


async def get_titles(urls: list[str], *, limit: int = 10, timeout: float = 10.0) -> list[str | None]:
    """The first ``<h1>`` of each page, in the order of ``urls``; ``None`` for a page that failed."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=limit),
                                     timeout=aiohttp.ClientTimeout(total=timeout)) as session:

        async def title_of(url: str) -> str | None:
            try:
                html = await fetch_html(session, url)
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return None
            return parse_title(html)

        return await asyncio.gather(*(title_of(url) for url in urls))

