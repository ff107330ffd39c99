"""Alternative: TCPConnector(limit=limit) plus a Semaphore, whose slot starts each request's timeout."""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    slots = asyncio.Semaphore(limit)
    connector = aiohttp.TCPConnector(limit=limit)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one(url):
            async with slots:
                try:
                    return parse_title(await asyncio.wait_for(fetch_html(session, url), timeout))
                except (asyncio.TimeoutError, aiohttp.ClientError):
                    return None
        return await asyncio.gather(*map(one, urls))
