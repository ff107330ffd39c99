"""The loopback server counts what clients do and shuts down without leaving a thread."""
from __future__ import annotations

import asyncio
import threading
import urllib.error
import urllib.request

import aiohttp
import pytest

from grader.checks.server import LoopbackServer, refused_url


def test_pages_errors_and_counters():
    with LoopbackServer() as srv:
        with urllib.request.urlopen(srv.page_url(1, title="hi")) as r:
            assert b"<h1>hi</h1>" in r.read()
        with urllib.request.urlopen(srv.page_url(2, size=1000)) as r:
            assert len(r.read()) == 1000
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(srv.page_url(3, status=503))
        assert e.value.code == 503 and b"<h1>page 3</h1>" in e.value.read()
        assert (srv.requests, srv.connections, srv.max_in_flight, srv.in_flight) == (3, 3, 1, 0)
        srv.reset()
        assert (srv.requests, srv.connections, srv.max_in_flight) == (0, 0, 0)
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(refused_url(), timeout=5)
    assert not [t for t in threading.enumerate() if t.name == "hamzaman-server"]


def test_in_flight_reuse_and_cancellation():
    asyncio.run(_in_flight_reuse_and_cancellation())


async def _in_flight_reuse_and_cancellation():
    async with aiohttp.ClientSession() as session:
        async def get(url):
            async with session.get(url) as response:
                return await response.text()

        async with LoopbackServer() as srv:
            await asyncio.gather(*(get(srv.page_url(i, delay=0.2)) for i in range(8)))
            assert srv.max_in_flight == 8 and srv.requests == 8
            await asyncio.gather(*(get(srv.page_url(i, delay=0.05)) for i in range(8)))
            assert srv.connections == 8  # the keep-alive connections were reused
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(get(srv.url("/hang")), 0.2)
            await asyncio.sleep(0.05)
            assert srv.in_flight == 0  # the abandoned /hang handler was cancelled and left the count
            with pytest.raises(aiohttp.ServerDisconnectedError):
                await get(srv.url("/drop"))
            hanging = asyncio.ensure_future(get(srv.url("/hang")))
            await asyncio.sleep(0.1)
            assert srv.in_flight == 1
        assert not [t for t in threading.enumerate() if t.name == "hamzaman-server"]
        with pytest.raises(aiohttp.ClientError):  # the server went away under the hanging request
            await hanging


def test_a_request_begun_before_reset_is_left_out_of_the_new_count():
    """A check need not wait for an earlier check's slow request: after reset() it is not counted, going or ending."""
    with LoopbackServer() as srv:
        slow = threading.Thread(target=lambda: urllib.request.urlopen(srv.page_url("slow", delay=0.5)).read())
        slow.start()
        while not srv.in_flight:
            threading.Event().wait(0.01)
        srv.reset()
        assert (srv.in_flight, srv.max_in_flight, srv.requests) == (0, 0, 0)
        with urllib.request.urlopen(srv.page_url("now", delay=0.1)) as r:
            r.read()
        slow.join()
        assert (srv.in_flight, srv.max_in_flight, srv.requests) == (0, 1, 1)  # never -1, never 2


def test_open_connections_seen_until_the_client_closes():
    async def main(srv):
        session = aiohttp.ClientSession()
        async with session.get(srv.page_url(1)) as response:
            await response.read()
        assert srv.open_connections() == 1
        await session.close()
        assert await asyncio.to_thread(srv.wait_closed) == 0

    with LoopbackServer() as srv:
        asyncio.run(main(srv))


def test_trickled_body_comes_late_and_stays_in_flight():
    async def main(srv):
        async with aiohttp.ClientSession() as session:
            loop = asyncio.get_running_loop()
            started = loop.time()
            async with session.get(srv.page_url(1, delay=0.4, trickle=4, title="slow")) as response:
                headers_after = loop.time() - started
                assert srv.in_flight == 1
                body = await response.text()
            assert headers_after < 0.3 <= loop.time() - started
            assert "<h1>slow</h1>" in body and body.endswith("</html>")
        assert srv.in_flight == 0

    with LoopbackServer() as srv:
        asyncio.run(main(srv))
