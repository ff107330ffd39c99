"""تمرین ۴ (فایل داده‌شده): نسخهٔ هم‌گام (sync) خزنده با requests. این فایل را تغییر ندهید.

Exercise 4 (given file): the synchronous scraper, built on requests. Do not edit it.
``parse_title`` needs only the standard library; ``requests`` is imported only
when the synchronous scraper actually runs.
"""
from __future__ import annotations

from html.parser import HTMLParser


class _FirstHeading(HTMLParser):
    """Collect the text inside the first <h1> of a page, nested tags included."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.inside = self.found = False

    def handle_starttag(self, tag, attrs):
        if tag == "h1" and not self.found:
            self.inside = self.found = True

    def handle_endtag(self, tag):
        if tag == "h1" and self.inside:
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def parse_title(html: str) -> str | None:
    """The text of the page's first ``<h1>``, stripped; ``None`` when it has none."""
    parser = _FirstHeading()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split()) if parser.found else None


def fetch_html(url: str, timeout: float = 10.0) -> str:
    """Download one page, blocking the calling thread until it arrives."""
    import requests  # only the synchronous scraper needs it: pip install requests

    response = requests.get(url, timeout=timeout)
    response.raise_for_status()
    return response.text


def get_titles(urls: list[str], *, timeout: float = 10.0) -> list[str | None]:
    """One URL after another: each request waits for the previous one to finish."""
    titles: list[str | None] = []
    for url in urls:
        try:
            titles.append(parse_title(fetch_html(url, timeout)))
        except OSError:  # requests' errors derive from OSError (IOError)
            titles.append(None)
    return titles


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    for url, title in zip(sys.argv[1:], get_titles(sys.argv[1:])):
        print(f"{title!r:40} {url}")
    print(f"{time.perf_counter() - started:.2f} s")
