"""Hidden checks for ex04_aiohttp_scraper (async_scraper.py).

Concurrency, the limit, connection reuse and timeouts are judged from what a
real aiohttp server on loopback observed; error handling is also unit-checked
with aioresponses (which mocks aiohttp's client), so that a broken
aiohttp/aioresponses pair shows at once.
"""
from __future__ import annotations

import asyncio
import gc
import time
import warnings

import aiohttp
import async_scraper as student
import pytest
from aioresponses import aioresponses

from grader.checks import check, expect, fail, record
from grader.checks.blocking import LoopWatch, source_findings
from grader.checks.server import LoopbackServer, refused_url

DEADLINE = 5.0  # no call here needs more than about a second
STALL = 0.1  # the loop held this long by the student's own line is a blocking call


@pytest.fixture
def srv():
    with LoopbackServer() as server:
        yield server


async def titles(urls, **kwargs):
    """get_titles(urls, **kwargs) and its wall time; a hang or an exception is a failure that says so."""
    call = f"get_titles({len(urls)} URLs{''.join(f', {k}={v}' for k, v in kwargs.items())})"
    started = time.perf_counter()
    try:
        got = await asyncio.wait_for(student.get_titles(urls, **kwargs), DEADLINE)
    except NotImplementedError:
        raise
    except asyncio.TimeoutError:
        fail(f"{call} did not return within {DEADLINE:g} s although every page answers (or fails) within "
             "about a second: is a request waiting without a timeout, or a task never awaited?",
             f"{call} پس از {DEADLINE:g} ثانیه برنگشت، در حالی که هر صفحه در حدود یک ثانیه جواب می‌دهد یا خطا "
             "می‌دهد: درخواستی بی‌مهلت (timeout) منتظر مانده یا تسکی هرگز await نشده است؟")
    except Exception as e:  # noqa: BLE001 - the student's exception, explained
        fail(f"{call} raised {type(e).__name__}: {e}. A URL that fails must give None in its place "
             "without cancelling the others; get_titles itself should not raise.",
             f"{call} خطای {type(e).__name__} داد: {e}. نشانی‌ای که شکست می‌خورد باید در جای خودش None "
             "بگذارد و بقیه را لغو نکند؛ خود get_titles نباید خطا بدهد.")
    return got, time.perf_counter() - started


def same_titles(got, expected, what: str) -> None:
    expect(isinstance(got, list) and got == expected,
           f"get_titles on {what} returned {got!r}, expected {expected!r} (one entry per URL, in the order of urls).",
           f"get_titles روی {what} مقدار {got!r} را برگرداند؛ انتظار می‌رفت {expected!r} (برای هر نشانی یک "
           "عضو، به ترتیب urls).")


def pages(srv, n, *, delay):
    urls = [srv.page_url(i, delay=delay, title=f"title {i}") for i in range(n)]
    return urls, [f"title {i}" for i in range(n)]


# -- fetch_html ------------------------------------------------------------------------------

@check("fetch_html")
async def test_fetch_html_returns_body(srv):
    async with aiohttp.ClientSession() as session:
        body = await asyncio.wait_for(student.fetch_html(session, srv.page_url(7, title="hello")), DEADLINE)
    expect(isinstance(body, str) and "<h1>hello</h1>" in body,
           f"fetch_html returned {body!r:.200}; expected the page's HTML as a str (await response.text()).",
           f"fetch_html مقدار {body!r:.200} را برگرداند؛ انتظار می‌رفت HTML صفحه به صورت str "
           "(await response.text()).")


@check("fetch_html")
@pytest.mark.parametrize("status", [404, 500])
async def test_fetch_html_raises_on_error_status(srv, status):
    async with aiohttp.ClientSession() as session:
        try:
            body = await asyncio.wait_for(student.fetch_html(session, srv.page_url(1, status=status)), DEADLINE)
        except Exception:  # noqa: BLE001 - any exception is a refusal; ClientResponseError is the usual one
            return
    fail(f"fetch_html returned the body of a page answered with HTTP {status} ({body!r:.80}) instead of raising. "
         "An error status is a failure: call response.raise_for_status().",
         f"fetch_html بدنهٔ صفحه‌ای را که با وضعیت HTTP {status} جواب داده شد برگرداند ({body!r:.80})، به جای "
         "آنکه خطا بدهد. وضعیت خطا یعنی شکست: response.raise_for_status() را صدا بزنید.")


@check("fetch_html")
async def test_fetch_html_mocked_error_status():
    url = "http://hamzaman.invalid/missing"
    with aioresponses() as mocked:
        mocked.get(url, status=503, body="<h1>down</h1>")
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.ClientResponseError):
                await asyncio.wait_for(student.fetch_html(session, url), DEADLINE)


# -- results -----------------------------------------------------------------------------------

@check("titles_in_order")
async def test_titles_in_order(srv):
    delays = [0.3, 0.05, 0.2, 0.0, 0.1]  # later URLs answer first
    urls = [srv.page_url(i, delay=d, title=f"title {i}") for i, d in enumerate(delays)]
    urls.append(srv.page_url("plain", title=""))
    got, _ = await titles(urls)
    same_titles(got, [f"title {i}" for i in range(len(delays))] + [None],
                "pages whose later URLs answer first (the last one has no <h1>)")
    got, _ = await titles([])
    same_titles(got, [], "an empty list")


# -- concurrency -------------------------------------------------------------------------------

@check("concurrent")
async def test_concurrent(srv):
    n, delay = 10, 0.4
    urls, expected = pages(srv, n, delay=delay)
    got, elapsed = await titles(urls, limit=n)
    same_titles(got, expected, f"{n} pages")
    ratio = elapsed / delay
    record("wall time over one page's delay", ratio, n / 3)
    record("requests in flight at once", srv.max_in_flight, n // 2, unit="requests")
    expect(srv.max_in_flight >= n // 2 and ratio < n / 3,
           f"With limit={n}, {n} pages of {delay:g} s each took {elapsed:.2f} s ({ratio:.1f} times one page) and "
           f"the server never saw more than {srv.max_in_flight} request(s) at once. The requests must overlap: "
           "create one task per URL (asyncio.gather or a TaskGroup) instead of awaiting one URL after another.",
           f"با limit={n}، دریافت {n} صفحهٔ {delay:g} ثانیه‌ای {elapsed:.2f} ثانیه ({ratio:.1f} برابر یک صفحه) طول کشید "
           f"و سرور هیچ‌گاه بیش از {srv.max_in_flight} درخواست هم‌زمان ندید. درخواست‌ها باید هم‌پوشانی داشته "
           "باشند: برای هر نشانی یک task بسازید (asyncio.gather یا TaskGroup)، نه اینکه نشانی‌ها را یکی پس از "
           "دیگری await کنید.")


@check("limit")
@pytest.mark.parametrize("limit, n", [(3, 12), (10, 16)])
async def test_limit(srv, limit, n):
    urls, expected = pages(srv, n, delay=0.2)
    got, _ = await (titles(urls, limit=limit) if limit != 10 else titles(urls))
    same_titles(got, expected, f"{n} pages")
    how = f"limit={limit}" if limit != 10 else "the default limit (10)"
    record(f"most requests in flight with {how}", srv.max_in_flight, limit, unit="requests")
    expect(srv.max_in_flight == limit,
           f"With {how}, the server saw up to {srv.max_in_flight} requests in flight at once; it must be "
           f"exactly {limit}: never more (guard each request with an asyncio.Semaphore(limit)), and as many "
           "when there are enough URLs (no needless waiting).",
           f"با {how}، سرور تا {srv.max_in_flight} درخواست هم‌زمان دید؛ باید دقیقاً {limit} باشد: نه بیشتر "
           "(هر درخواست را با asyncio.Semaphore(limit) محدود کنید) و نه کمتر وقتی نشانی به اندازهٔ کافی هست.")


@check("session_reused")
async def test_session_reused(srv):
    limit, n = 3, 12
    urls, expected = pages(srv, n, delay=0.1)
    got, _ = await titles(urls, limit=limit)
    same_titles(got, expected, f"{n} pages")
    record(f"TCP connections opened for {n} requests", srv.connections, 2 * limit, unit="connections")
    expect(srv.connections <= 2 * limit,
           f"{srv.requests} requests with limit={limit} opened {srv.connections} TCP connections. One "
           "ClientSession for the whole call keeps connections open and reuses them (about one per slot); "
           "a new session per request opens a new connection every time.",
           f"{srv.requests} درخواست با limit={limit} روی هم {srv.connections} اتصال TCP باز کردند. یک "
           "ClientSession برای کل فراخوانی، اتصال‌ها را باز نگه می‌دارد و دوباره به کار می‌برد (تقریباً یکی برای "
           "هر جای خالی)؛ ساختن یک session برای هر درخواست، هر بار اتصال تازه‌ای باز می‌کند.")


@check("session_closed")
async def test_session_closed(srv):
    urls, expected = pages(srv, 4, delay=0.05)
    unclosed: list[str] = []
    loop = asyncio.get_running_loop()
    old_handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: unclosed.append(context.get("message", "")))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            got, _ = await titles(urls)
            gc.collect()
    finally:
        loop.set_exception_handler(old_handler)
    same_titles(got, expected, "4 pages")
    unclosed += [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    still_open = await asyncio.to_thread(srv.wait_closed)
    expect(not unclosed and not still_open,
           f"After get_titles returned, {still_open} connection(s) to the server were still open"
           + (f" and Python reported: {unclosed[0][:120]}" if unclosed else "")
           + ". The session was never closed: open it with `async with aiohttp.ClientSession() as session:` "
           "so that it is closed (with its connections) when the block ends, even after an error.",
           f"پس از برگشتن get_titles، {still_open} اتصال به سرور هنوز باز بود"
           + (f" و پایتون گزارش داد: {unclosed[0][:120]}" if unclosed else "")
           + ". session هرگز بسته نشد: آن را با `async with aiohttp.ClientSession() as session:` باز کنید تا در "
           "پایان بلوک (حتی پس از خطا) همراه اتصال‌هایش بسته شود.")


# -- failures ----------------------------------------------------------------------------------

@check("failures_give_none")
async def test_failures_on_loopback(srv):
    urls = [srv.page_url(0, title="ok 0"), srv.page_url(1, status=404, title="not found"),
            srv.page_url(2, delay=0.2, title="ok 2"), srv.page_url(3, status=500, title="server error"),
            refused_url(), srv.url("/drop"), srv.page_url(6, delay=0.1, title="ok 6")]
    got, _ = await titles(urls)
    same_titles(got, ["ok 0", None, "ok 2", None, None, None, "ok 6"],
                "pages answered with 200, 404, 200, 500, a refused connection, a dropped connection, 200")


@check("failures_give_none")
async def test_failures_mocked():
    base = "http://hamzaman.invalid"
    failures = {
        "/503": {"status": 503, "body": "<h1>busy</h1>"},
        "/403": {"status": 403, "body": "<h1>forbidden</h1>"},
        "/reset": {"exception": aiohttp.ClientConnectionError("connection reset")},
        "/gone": {"exception": aiohttp.ServerDisconnectedError()},
        "/cut": {"exception": aiohttp.ClientPayloadError("body cut short")},
        "/slow": {"exception": asyncio.TimeoutError()},
    }
    with aioresponses() as mocked:
        mocked.get(f"{base}/first", body="<h1>first</h1>")
        for path, how in failures.items():
            mocked.get(base + path, **how)
        mocked.get(f"{base}/last", body="<h1>last</h1>")
        urls = [f"{base}/first", *(base + p for p in failures), f"{base}/last"]
        got, _ = await titles(urls)
    same_titles(got, ["first", *([None] * len(failures)), "last"],
                "mocked pages: 200, then " + ", ".join(p.strip("/") for p in failures) + ", then 200")


# -- timeouts ----------------------------------------------------------------------------------

@check("timeouts")
async def test_timeouts(srv):
    timeout, slow = 0.6, 3.0
    urls = [srv.page_url(0, delay=0.1, title="fast 0"), srv.url("/hang"),
            srv.page_url(2, delay=slow, title="slow"), srv.page_url(3, delay=0.1, title="fast 3")]
    got, elapsed = await titles(urls, timeout=timeout)
    same_titles(got, ["fast 0", None, None, "fast 3"],
                f"a fast page, a page that never answers, a {slow:g} s page and a fast page, with timeout={timeout:g}")
    record("wall time with a page that never answers", elapsed, (timeout + slow) / 2, unit="s")
    expect(elapsed < (timeout + slow) / 2,
           f"With timeout={timeout:g}, get_titles took {elapsed:.2f} s: it waited for the {slow:g} s page instead "
           "of giving up on it after the timeout.",
           f"با timeout={timeout:g}، get_titles {elapsed:.2f} ثانیه طول کشید: به جای رها کردن صفحهٔ {slow:g} "
           "ثانیه‌ای پس از مهلت، منتظرش ماند.")


@check("timeout_from_start")
async def test_timeout_counts_from_request_start(srv):
    delay, timeout, n = 0.4, 1.0, 4
    urls, expected = pages(srv, n, delay=delay)
    got, _ = await titles(urls, limit=1, timeout=timeout)
    lost = [i for i, t in enumerate(got) if t is None] if isinstance(got, list) else []
    expect(not lost,
           f"With limit=1 and timeout={timeout:g}, {n} pages of {delay:g} s each gave {got!r}: page(s) {lost} "
           f"got None although each request took only {delay:g} s. The timeout must count from when a request "
           "starts, not while it waits for a free slot: apply it inside `async with semaphore:`.",
           f"با limit=1 و timeout={timeout:g}، دریافت {n} صفحهٔ {delay:g} ثانیه‌ای نتیجهٔ {got!r} را داد: صفحهٔ "
           f"{lost} مقدار None گرفت، در حالی که هر درخواست فقط {delay:g} ثانیه طول کشید. مهلت باید از شروع خود "
           "درخواست شمرده شود، نه از زمان انتظار برای جای خالی: آن را درون `async with semaphore:` اعمال کنید.")
    same_titles(got, expected, f"{n} pages with limit=1")


# -- blocking calls ----------------------------------------------------------------------------

@check("no_blocking")
async def test_no_blocking_call(srv):
    n, delay = 6, 0.3
    urls, expected = pages(srv, n, delay=delay)
    outcome = {}
    async with LoopWatch(student, threshold=STALL) as watch:
        outcome["got"] = await asyncio.wait_for(student.get_titles(urls, limit=n), DEADLINE)
    if watch.culprits:
        worst = watch.culprits[0]
        fail(f"A blocking call held the event loop while get_titles ran: {worst}. Inside a coroutine, "
             "requests, urllib.request and time.sleep stop every other task; use aiohttp and "
             "`await asyncio.sleep(...)`.",
             f"یک فراخوانی مسدودکننده (blocking) حلقهٔ رویداد را هنگام اجرای get_titles نگه داشت: {worst}. درون "
             "یک coroutine، requests و urllib.request و time.sleep همهٔ taskهای دیگر را متوقف می‌کنند؛ از aiohttp "
             "و `await asyncio.sleep(...)` استفاده کنید.")
    expect("got" in outcome, "get_titles was stopped after holding the event loop for seconds.",
           "get_titles پس از چند ثانیه نگه داشتن حلقهٔ رویداد متوقف شد.")
    same_titles(outcome["got"], expected, f"{n} pages")
    findings = source_findings(student.__file__)
    expect(not findings,
           "async_scraper.py calls blocking functions inside `async def`: "
           + "; ".join(f"line {f.line}: {f.message} ({f.code})" for f in findings)
           + ". Such a call stops the whole event loop until it returns.",
           "async_scraper.py درون `async def` تابع‌های مسدودکننده صدا می‌زند: "
           + "؛ ".join(f"خط {f.line}: {f.message} ({f.code})" for f in findings)
           + ". چنین فراخوانی‌ای کل حلقهٔ رویداد را تا برگشتنش متوقف می‌کند.")
