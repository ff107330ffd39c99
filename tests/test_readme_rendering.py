"""The task READMEs read right in the renderers students use: GitHub, VS Code's preview, MkDocs.

Two real renderers are run here: Python-Markdown with ``md_in_html`` (what MkDocs uses) and
markdown-it (what VS Code's preview uses; GitHub's cmark-gfm follows the same CommonMark rules).
Persian prose sits in ``<div dir="rtl" markdown="1">`` blocks: CommonMark renders Markdown there
once a blank line follows the tag, Python-Markdown only with ``markdown="1"`` (GitHub drops the
attribute and keeps ``dir``).

Inside right-to-left prose a code span is laid out by the Unicode bidi algorithm, which neither
GitHub nor VS Code isolates: ``1, 1, 2, 3`` shows as "3 ,2 ,1 ,1" and ``fib()`` as "()fib". So a span
that does not start with a Latin letter and end with a Latin letter or digit is written
``<code dir="ltr">``, and code blocks stand between the Persian blocks, never inside one; a real
browser shows that every code span then reads left to right.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import browser
import markdown
import pytest
from conftest import REPO
from markdown_it import MarkdownIt

READMES = sorted((REPO / "exercises").glob("*/README.md"))
RTL_BLOCK = re.compile(r'<div dir="rtl"[^>]*>.*?</div>', re.DOTALL)
CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
PERSIAN = re.compile(r"[\u0600-\u06ff]")
LONE_NUMBER = re.compile(r"\d+(\.\d+)?")
STRONG_ENDS = re.compile(r"[A-Za-z](.*[A-Za-z0-9])?", re.DOTALL)

RENDERERS = {
    "Python-Markdown (MkDocs)": lambda text: markdown.markdown(text, extensions=["md_in_html", "fenced_code",
                                                                                   "tables"]),
    "markdown-it (VS Code)": MarkdownIt("commonmark").enable("table").render,
}


def needs_isolation(code: str) -> bool:
    """Whether a code span inside right-to-left prose would show out of order."""
    return not LONE_NUMBER.fullmatch(code) and (not STRONG_ENDS.fullmatch(code) or bool(PERSIAN.search(code)))


def without_fences(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)


class Seen(HTMLParser):
    """The rendered page's prose (outside code) and its headings."""

    def __init__(self):
        super().__init__()
        self.prose, self.headings, self.rtl_blocks, self._code = [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        self._code += tag in ("code", "pre")
        self.headings += bool(re.fullmatch(r"h[1-6]", tag))
        self.rtl_blocks += tag == "div" and ("dir", "rtl") in attrs

    def handle_endtag(self, tag):
        self._code -= tag in ("code", "pre")

    def handle_data(self, data):
        if not self._code:
            self.prose.append(data)


def rendered(render, path: Path) -> Seen:
    seen = Seen()
    seen.feed(render(path.read_text(encoding="utf-8")))
    return seen


@pytest.mark.parametrize("path", READMES, ids=lambda p: p.parent.name)
def test_code_in_persian_prose_is_written_to_keep_its_order(path):
    blocks = RTL_BLOCK.findall(path.read_text(encoding="utf-8"))
    assert blocks, f"{path}: no Persian block"
    assert not [b for b in blocks if "```" in b], f"{path}: a code block inside a Persian block is laid out right to left"
    unsafe = [code for block in blocks for code in CODE_SPAN.findall(block) if needs_isolation(code)]
    assert not unsafe, f"{path}: write these as <code dir=\"ltr\">: {unsafe}"


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("path", READMES, ids=lambda p: p.parent.name)
def test_every_renderer_renders_the_markdown_of_the_persian_blocks(path, renderer):
    text = path.read_text(encoding="utf-8")
    seen = rendered(RENDERERS[renderer], path)
    prose = "".join(seen.prose)
    assert seen.rtl_blocks == text.count('<div dir="rtl"'), "a Persian block was lost"
    assert seen.headings == len(re.findall(r"^#{1,6} ", without_fences(text), re.MULTILINE)), "a heading was not rendered"
    leaked = [mark for mark in ("**", "`", "\n#", "](") if mark in prose]
    assert not leaked, f"Markdown left unrendered by {renderer}: {leaked}"


def test_the_rule_tells_apart_spans_that_keep_their_order():
    assert [needs_isolation(c) for c in ("yield", "limit=10", "1", "0.5", "x تعداد y")] == [False] * 4 + [True]
    assert all(needs_isolation(c) for c in ("1, 1, 2", "fib()", "_lock", "50_000_000 * n", "[start, end)"))


@pytest.mark.skipif(browser.find() is None, reason=browser.SKIP_REASON)
@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_browser_shows_every_code_span_left_to_right(renderer, tmp_path):
    """Each code span of the Persian prose: its first character is drawn left of its last one."""
    pages = []
    for path in READMES:
        page = tmp_path / f"{path.parent.name}.html"
        page.write_text(f'<!doctype html><html lang="fa"><head><meta charset="utf-8"></head><body>'
                        f"{RENDERERS[renderer](path.read_text(encoding='utf-8'))}</body></html>", encoding="utf-8")
        pages.append(page)
    script = """
        const out = [];
        for (const code of document.querySelectorAll('[dir=rtl] code')) {
            const node = code.firstChild, text = code.textContent;
            if (code.childNodes.length !== 1 || node.nodeType !== 3 || text.length < 2 || /[\\u0600-\\u06ff]/.test(text)) continue;
            const x = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                             return r.getBoundingClientRect(); };
            const first = x(0), last = x(text.length - 1);
            if (first.top === last.top && first.left >= last.left) out.push(text);
        }
        return {checked: document.querySelectorAll('[dir=rtl] code').length, backwards: out};"""
    for page in pages:
        found, _ = browser.probe(browser.find(), page, script, tmp_path, page.stem)
        assert found["checked"] > 10, page.stem
        assert not found["backwards"], f"{page.stem} shows these backwards: {found['backwards']}"
