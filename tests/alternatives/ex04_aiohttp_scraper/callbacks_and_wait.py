"""Alternative: a class; tasks whose done-callbacks fill a list by position, awaited with asyncio.wait."""
import asyncio
import functools

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as reply:
        reply.raise_for_status()
        return await reply.text()


class Scraper:
    def __init__(self, limit, timeout):
        self.gate = asyncio.BoundedSemaphore(limit)
        self.timeout = timeout

    async def title(self, session, url):
        async with self.gate:
            try:
                html = await asyncio.wait_for(fetch_html(session, url), self.timeout)
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return None
        return parse_title(html)

    async def run(self, urls):
        results = [None] * len(urls)

        def store(i, task):
            results[i] = task.result()

        async with aiohttp.ClientSession() as session:
            tasks = []
            for i, url in enumerate(urls):
                task = asyncio.ensure_future(self.title(session, url))
                task.add_done_callback(functools.partial(store, i))
                tasks.append(task)
            if tasks:
                await asyncio.wait(tasks)
        return results


async def get_titles(urls, *, limit=10, timeout=10.0):
    return await Scraper(limit, timeout).run(list(urls))
