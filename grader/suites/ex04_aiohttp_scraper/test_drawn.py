"""Instructor-only check of ex04: pages, titles and limits other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

from test_scraper import same_titles, srv, titles  # noqa: F401 - srv is the loopback server fixture

from grader.checks import check, expect

WORDS = ("خبر", "روز", "hello", "Ünïcode", "تیتر اصلی", "page", "۱۴۰۵", "naïve café", "مقاله", "x")


def title(drawn) -> str:
    return " ".join(drawn.choice(WORDS) for _ in range(drawn.randint(1, 3)))


@check("drawn_pages")
async def test_drawn_pages(srv, drawn):  # noqa: F811 - the fixture imported above
    urls, want = [], []
    for i in range(drawn.randint(6, 20)):
        kind = drawn.choices(("ok", "no heading", "error"), (6, 1, 2))[0]
        delay = round(drawn.uniform(0, 0.05), 3)
        if kind == "ok":
            name = title(drawn)
            urls.append(srv.page_url(i, delay=delay, title=name))
            want.append(name)
        elif kind == "no heading":
            urls.append(srv.page_url(i, delay=delay, title=""))
            want.append(None)
        else:
            urls.append(srv.page_url(i, delay=delay, status=drawn.choice((400, 403, 404, 410, 500, 502, 503))))
            want.append(None)
    limit = drawn.randint(1, 6)
    got, _ = await titles(urls, limit=limit)
    same_titles(got, want, f"{len(urls)} pages with limit={limit} (titles drawn at grading time: {want!r:.300})")
    expect(srv.max_in_flight <= limit,
           f"get_titles(<{len(urls)} URLs>, limit={limit}) had {srv.max_in_flight} requests in flight at once.",
           f"get_titles(<{len(urls)} نشانی>، limit={limit}) {srv.max_in_flight} درخواست را هم‌زمان در جریان داشت.")
