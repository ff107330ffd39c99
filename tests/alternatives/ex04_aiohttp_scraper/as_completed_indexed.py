"""Alternative: asyncio.as_completed over (index, title) coroutines, written into a pre-sized list."""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as r:
        if r.status >= 400:
            r.raise_for_status()
        return await r.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    titles = [None] * len(urls)
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:

        async def numbered(i, url):
            async with slots:
                try:
                    page = await asyncio.wait_for(fetch_html(session, url), timeout=timeout)
                except (asyncio.TimeoutError, aiohttp.ClientError):
                    return i, None
            return i, parse_title(page)

        for finished in asyncio.as_completed([numbered(i, u) for i, u in enumerate(urls)]):
            i, title = await finished
            titles[i] = title
    return titles
