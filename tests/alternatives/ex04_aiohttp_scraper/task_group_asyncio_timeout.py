"""Alternative: asyncio.TaskGroup and `async with asyncio.timeout(...)` (3.11+), results read from the tasks.

requires: Python 3.11
"""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url, raise_for_status=True) as response:
        return await response.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    limiter = asyncio.Semaphore(limit)

    async def title(session, url):
        async with limiter:
            try:
                async with asyncio.timeout(timeout):
                    html = await fetch_html(session, url)
            except (TimeoutError, aiohttp.ClientError):
                return None
        return parse_title(html)

    async with aiohttp.ClientSession() as session:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(title(session, u)) for u in urls]
    return [t.result() for t in tasks]
