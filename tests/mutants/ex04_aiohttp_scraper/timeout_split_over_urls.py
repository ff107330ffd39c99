"""Mutant: reads `timeout` as a budget for the whole call and gives each URL an equal share of it:
a page well within the timeout gets None.

catches: timeouts
"""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return await response.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    share = timeout / max(1, len(urls))
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:

        async def one(url):
            async with slots:
                try:
                    return parse_title(await asyncio.wait_for(fetch_html(session, url), share))
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    return None

        return await asyncio.gather(*(one(u) for u in urls))
