"""Alternative: a Semaphore, aiohttp.ClientTimeout(total=...) on each request, and a broad `except Exception`."""
import asyncio

import aiohttp

from sync_scraper import parse_title


async def fetch_html(session, url):
    async with session.get(url) as resp:
        resp.raise_for_status()
        return await resp.text()


async def get_titles(urls, *, limit=10, timeout=10.0):
    sem = asyncio.Semaphore(limit)
    per_request = aiohttp.ClientTimeout(total=timeout)

    async with aiohttp.ClientSession() as session:
        async def one(url):
            async with sem:
                try:
                    async with session.get(url, timeout=per_request) as resp:
                        resp.raise_for_status()
                        html = await resp.text()
                except Exception:
                    return None
            return parse_title(html)

        return list(await asyncio.gather(*[one(u) for u in urls]))
