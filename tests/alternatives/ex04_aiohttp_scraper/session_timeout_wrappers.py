"""Alternative: ClientTimeout set once on the session (each total starts inside the semaphore), from-imports."""
from asyncio import Semaphore, TimeoutError as AsyncTimeout, gather

from aiohttp import ClientError, ClientSession, ClientTimeout

from sync_scraper import parse_title


async def fetch_html(session: ClientSession, url: str) -> str:
    response = await session.get(url)
    try:
        response.raise_for_status()
        return await response.text()
    finally:
        response.release()


async def _title(session, gate, url):
    async with gate:
        try:
            return parse_title(await fetch_html(session, url))
        except (ClientError, AsyncTimeout):
            return None


async def get_titles(urls, *, limit=10, timeout=10.0):
    gate = Semaphore(limit)
    async with ClientSession(timeout=ClientTimeout(total=timeout)) as session:
        return await gather(*(_title(session, gate, u) for u in urls))
