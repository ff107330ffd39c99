"""Alternative: gather(return_exceptions=True), every exception turned into None afterwards."""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return await response.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    semaphore = asyncio.Semaphore(limit)

    async def guarded(session, url):
        async with semaphore:
            return parse_title(await asyncio.wait_for(fetch_html(session, url), timeout))

    async with aiohttp.ClientSession() as session:
        outcomes = await asyncio.gather(*(guarded(session, u) for u in urls), return_exceptions=True)
    return [None if isinstance(o, BaseException) else o for o in outcomes]
