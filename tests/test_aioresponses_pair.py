"""The installed aiohttp/aioresponses pair works together (ex04's error checks rely on it).

aioresponses 0.7.9 alone breaks with aiohttp 3.14 (every mocked request raises a TypeError
about ``stream_writer``); grader.checks.mocked_http adapts it, and does nothing with an aiohttp
that takes no such argument (3.13 and older). An upgrade of either shows here first.
"""
from __future__ import annotations

import asyncio

import aiohttp
import pytest

from grader.checks.mocked_http import aioresponses


def test_mocked_requests():
    async def main():
        with aioresponses() as mocked:
            mocked.get("http://pair.invalid/ok", body="<h1>ok</h1>")
            mocked.get("http://pair.invalid/error", status=503)
            mocked.get("http://pair.invalid/reset", exception=aiohttp.ClientConnectionError("reset"))
            async with aiohttp.ClientSession() as session:
                async with session.get("http://pair.invalid/ok") as response:
                    assert await response.text() == "<h1>ok</h1>"
                async with session.get("http://pair.invalid/error") as response:
                    with pytest.raises(aiohttp.ClientResponseError):
                        response.raise_for_status()
                with pytest.raises(aiohttp.ClientConnectionError):
                    await session.get("http://pair.invalid/reset")

    asyncio.run(main())
