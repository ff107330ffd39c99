"""Alternative: `limit` worker tasks draining an asyncio.Queue of (index, url): the worker count is the bound."""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    jobs = asyncio.Queue()
    for job in enumerate(urls):
        jobs.put_nowait(job)
    found = [None] * len(urls)

    async def worker(session):
        while True:
            try:
                i, url = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                found[i] = parse_title(await asyncio.wait_for(fetch_html(session, url), timeout))
            except (aiohttp.ClientError, asyncio.TimeoutError):
                found[i] = None

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(worker(session) for _ in range(min(limit, len(urls)))))
    return found
