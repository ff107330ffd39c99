"""Mutant: A read timeout (ClientTimeout(sock_read=timeout)) instead of a timeout for the request: a page
whose body keeps trickling in never goes quiet for that long, so it is waited for to the end.

catches: timeouts
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
    slots = asyncio.Semaphore(limit)

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_read=timeout)) as session:

        async def title_of(url: str) -> str | None:
            async with slots:  # the timeout starts only once a slot is ours
                try:
                    html = await fetch_html(session, url)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    return None
            return parse_title(html)

        return await asyncio.gather(*(title_of(url) for url in urls))

