"""Instructor-only check of ex10: pages, statuses and sums other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

from test_pools import compute_all, download_all, exact, same_sums, server, srv  # noqa: F401 - fixtures

from grader.checks import check, expect
from grader.checks.server import page_html

WORDS = ("خبر", "hello", "naïve", "۱۴۰۵", "x", "مقاله‌ها")


@check("drawn_downloads")
def test_drawn_downloads(srv, drawn):  # noqa: F811 - the fixture imported above
    urls, want = [], []
    statuses = [drawn.choice((202, 203)), drawn.choice((404, 410, 500, 503)), 200]  # a rarer 2xx, a failure
    statuses += [drawn.choice((200, 200, 200, 201, 202, 203, 404, 410, 500, 503)) for _ in range(drawn.randint(0, 11))]
    drawn.shuffle(statuses)
    statuses.insert(0, statuses.pop(statuses.index(200)))  # first a success: the slowest page, titled in Persian
    for i, status in enumerate(statuses):
        delay = 0.2 if i == 0 else drawn.uniform(0, 0.05)  # results come out of order
        if i and drawn.random() < 0.5:
            size = drawn.randint(1, 50_000)
            urls.append(srv.page_url(i, status=status, size=size, delay=delay))
        else:  # its size is in bytes, not characters
            title = " ".join([WORDS[0]] * (i == 0) + [drawn.choice(WORDS) for _ in range(drawn.randint(1, 6))])
            size = len(page_html(title, None))
            urls.append(srv.page_url(i, status=status, title=title, delay=delay))
        want.append(size if status < 300 else None)
    workers = drawn.randint(2, 6)
    got = download_all(urls, max_workers=workers, timeout=5.0)
    expect(got == want, f"download_all(<{len(urls)} URLs>, max_workers={workers}) gave {got!r}; expected {want!r} "
           "(sizes and statuses drawn at grading time: every 2xx status is a success, any other a None).",
           f"download_all(<{len(urls)} نشانی>، max_workers={workers}) مقدار {got!r} را داد؛ انتظار {want!r} می‌رفت "
           "(اندازه‌ها و وضعیت‌ها هنگام نمره‌دهی قرعه‌کشی شده‌اند: هر وضعیت 2xx موفق است و هر وضعیت دیگر None).")
    ns = [drawn.choice((0, 1, drawn.randint(2, 100), drawn.randint(100, 300_000))) for _ in range(drawn.randint(1, 7))]
    got = compute_all(ns, max_workers=drawn.randint(1, 3))
    expect(same_sums(got, ns), f"compute_all({ns}) gave {got!r}; expected {[exact(n) for n in ns]!r}.",
           f"compute_all({ns}) مقدار {got!r} را داد؛ انتظار {[exact(n) for n in ns]!r} می‌رفت.")
