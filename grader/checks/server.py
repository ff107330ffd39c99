"""A real HTTP server on loopback that tells the suite what the student's client did.

Checks of network code judge behaviour from the server's side: how many
requests were in flight at once, how many TCP connections were opened for
how many requests, whether connections stay open after the client returned.
The server is aiohttp, run on its own event loop in a background thread, so
it serves sync tests and async tests alike (as ``with`` or ``async with``)
and never blocks the loop under test.

URLs (``page_url`` builds them):

- ``/page/{id}?delay=0.2&status=200&title=T&size=N`` answers after ``delay``
  seconds with ``status`` and an HTML body whose first ``<h1>`` is ``T``
  (default ``page {id}``; an empty ``title`` gives no ``<h1>``), padded or cut
  to exactly ``N`` bytes when ``size`` is given. An error status still carries
  the page, so a client that ignores the status sees a title. With
  ``trickle=K`` the status and headers go out at once and the body follows in
  ``K`` pieces spread over ``delay``: a client whose timeout covers only the
  headers, or only the gaps between reads, waits for all of it, and a request
  stays in flight until its body has been sent.
- ``/hang`` never answers; ``/drop`` closes the connection without answering.

In-flight requests are counted where the handler starts and where it ends,
in a ``finally`` so that a handler cancelled because its client went away
(``handler_cancellation``) leaves the count too. aiohttp notices a client's
departure only on its next loop turn, so right after a client-side timeout
the count may briefly include the abandoned request: checks of a limit
should not mix it with timeouts. :meth:`LoopbackServer.reset` starts a new count: a request that
began before it (a slow page of an earlier check, still being served) is left out of it, so a check
never has to wait for an earlier one's requests to end.
"""
from __future__ import annotations

import asyncio
import socket
import threading
import time
from urllib.parse import urlencode

from aiohttp import web

START_LIMIT = 10.0
STOP_LIMIT = 10.0
POLL = 0.005


def refused_url() -> str:
    """A loopback URL where nothing listens: connecting to it fails at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/page/refused"


def page_html(title: str | None, size: int | None) -> bytes:
    heading = f"<h1>{title}</h1>" if title else ""
    body = f"<html><head><meta charset='utf-8'></head><body>{heading}<p>hamzaman</p></body></html>"
    data = body.encode("utf-8")
    if size is None:
        return data
    return data[:size] if len(data) >= size else data + b" " * (size - len(data))


class LoopbackServer:
    """``with LoopbackServer() as srv:`` (or ``async with``): serve on 127.0.0.1, a free port."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._error: BaseException | None = None
        self._transports: set = set()
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.requests = 0
        self._generation = 0  # one per reset(): a request is counted in the generation it began in

    # -- what the server observed -------------------------------------------------

    @property
    def connections(self) -> int:
        """TCP connections that carried a request since the last reset() (keep-alive reuses one)."""
        with self._lock:
            return len(self._transports)

    def open_connections(self) -> int:
        """Of those connections, how many the client has not closed yet."""
        with self._lock:
            return sum(1 for t in self._transports if not t.is_closing())

    def wait_closed(self, grace: float = 1.0) -> int:
        """open_connections() once it drops to 0, or after ``grace`` seconds (the server sees a close late)."""
        end = time.monotonic() + grace
        while self.open_connections() and time.monotonic() < end:
            time.sleep(POLL)
        return self.open_connections()

    def reset(self) -> None:
        """Count afresh: requests still running from before are left out of every count."""
        with self._lock:
            self._generation += 1
            self.requests = self.in_flight = self.max_in_flight = 0
            self._transports = set()

    # -- URLs --------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, page_id, **params) -> str:
        query = urlencode({k: v for k, v in params.items() if v is not None})
        return f"{self.base}/page/{page_id}" + (f"?{query}" if query else "")

    def url(self, path: str) -> str:
        return self.base + path

    # -- handlers (on the server's loop) ------------------------------------------

    def _enter(self, request: web.Request) -> int:
        """Count the request in; returns the generation to hand to :meth:`_leave`."""
        with self._lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if request.transport is not None:
                self._transports.add(request.transport)
            return self._generation

    def _leave(self, generation: int) -> None:
        with self._lock:
            if generation == self._generation:
                self.in_flight -= 1

    async def _page(self, request: web.Request) -> web.StreamResponse:
        generation = self._enter(request)
        inside = True
        try:
            q = request.query
            delay = float(q.get("delay", 0))
            title = q.get("title", f"page {request.match_info['id']}")
            size = int(q["size"]) if "size" in q else None
            body, status = page_html(title, size), int(q.get("status", 200))
            if "trickle" not in q:
                await asyncio.sleep(delay)
                return web.Response(body=body, status=status, content_type="text/html", charset="utf-8")
            response = web.StreamResponse(status=status, headers={"Content-Type": "text/html; charset=utf-8"})
            response.content_length = len(body)
            await response.prepare(request)
            step = -(-len(body) // max(1, int(q["trickle"])))
            pieces = [body[i:i + step] for i in range(0, len(body), step)]
            for i, piece in enumerate(pieces):
                await asyncio.sleep(delay / len(pieces))
                if i == len(pieces) - 1:  # leave before the last piece: the client may start its next request at once
                    inside = False
                    self._leave(generation)
                await response.write(piece)
            await response.write_eof()
            return response
        finally:
            if inside:
                self._leave(generation)

    async def _hang(self, request: web.Request) -> web.StreamResponse:
        generation = self._enter(request)
        try:
            await asyncio.Event().wait()
            raise AssertionError("unreachable")
        finally:
            self._leave(generation)

    async def _drop(self, request: web.Request) -> web.StreamResponse:
        generation = self._enter(request)
        try:
            request.transport.close()
            return web.Response(status=200)
        finally:
            self._leave(generation)

    # -- life cycle ----------------------------------------------------------------

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get("/page/{id}", self._page)
        app.router.add_get("/hang", self._hang)
        app.router.add_get("/drop", self._drop)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=0.2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        self.port = self._runner.addresses[0][1]

    def _main(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve())
        except BaseException as e:  # noqa: BLE001 - handed to the thread that called start()
            self._error = e
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
        finally:
            loop.close()

    def _spawn(self) -> None:
        self._thread = threading.Thread(target=self._main, name="hamzaman-server", daemon=True)
        self._thread.start()

    def _started(self) -> None:
        if self._error is not None:
            raise RuntimeError(f"the loopback server did not start: {self._error!r}") from self._error
        if not self._ready.is_set():
            raise RuntimeError(f"the loopback server did not start within {START_LIMIT:g} s")

    def start(self) -> LoopbackServer:
        self._spawn()
        self._ready.wait(START_LIMIT)
        self._started()
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(STOP_LIMIT)
        self._thread = None

    async def _await(self, done) -> None:
        end = time.monotonic() + max(START_LIMIT, STOP_LIMIT)
        while not done() and time.monotonic() < end:
            await asyncio.sleep(POLL)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    async def __aenter__(self) -> LoopbackServer:
        """Like start(), without blocking the caller's event loop."""
        self._spawn()
        await self._await(self._ready.is_set)
        self._started()
        return self

    async def __aexit__(self, *exc) -> None:
        thread = self._thread
        if thread is not None and thread.is_alive() and self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            await self._await(lambda: not thread.is_alive())
        self.stop()
