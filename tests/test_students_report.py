"""`grade report`: a right-to-left Persian HTML page built from stored results, charts for timing checks.

Where Chromium is installed, a headless browser opens the page: the Persian text is
in the rendered DOM, every left-to-right code span is laid out left to right, and a
screenshot is written (look at it: HAMZAMAN_REPORT_SHOT=path keeps a copy).
Where no Chromium exists, those tests are skipped and say so.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import grade

from grader import chart, manifest, progress, report
from grader.manifest import Text
from grader.results import FAILED, PASSED, CheckResult, ExerciseResult
from grader.workspace import Workspace

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
SPEEDUP = {"name": "speedup, 2 workers", "measured": 1.05, "required": 1.4, "unit": "×"}
MEASURE = """<script>
addEventListener('load', () => {
  const rows = [...document.querySelectorAll('bdi[dir=ltr]')].map(el => {
    const text = el.textContent, xs = [];
    const node = el.firstChild;
    for (let i = 0; node && node.nodeType === 3 && i < node.length; i++) {
      if (!/[ -~]/.test(text[i]) || text[i] === ' ') continue;
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      xs.push(r.getBoundingClientRect().left);
    }
    return {text, xs};
  });
  const out = document.createElement('pre'); out.id = 'measured'; out.textContent = JSON.stringify(rows);
  document.body.append(out);
});
</script>"""


def _timing_exercise() -> manifest.Exercise:
    return next(ex for ex in manifest.exercises() if any(c.timing for c in ex.checks))


def _store_timing_result(ws: Workspace) -> manifest.Exercise:
    """A stored result whose timing check failed with a measurement, the rest passed."""
    ex = _timing_exercise()
    checks = [CheckResult(c.id, FAILED, c.points, Text(fa="تنها ۱٫۰۵ برابر سریع‌تر شد: `ThreadPool`",
                                                       en="Only 1.05× faster: `ThreadPool`"), 2.0,
                          measurements=[SPEEDUP])
              if c.timing else CheckResult(c.id, PASSED, c.points) for c in ex.checks]
    progress.record(ws, [ExerciseResult(ex, checks, None, 3.0)])
    return ex


class _Tags(HTMLParser):
    VOID = frozenset({"meta", "br", "rect", "img", "input", "link"})

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.seen = [], [], []

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.seen.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


@pytest.fixture
def graded(workspace):
    """A workspace where ex01's stub was graded for real, plus a stored timing result."""
    ws = workspace("ex01_generators")
    assert grade("ex01", "--path", str(ws)).code == 1
    timing = _store_timing_result(Workspace(ws))
    return ws, timing


def test_report_is_rtl_persian_with_explanations_and_a_chart(graded):
    ws, timing = graded
    run = grade("report", "--path", str(ws))
    assert run.code == 0, run.err
    page = (ws / ".hamzaman" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in page
    ex01 = manifest.find("ex01")
    for check in ex01.checks:  # every check of the stub failed: each explained, in Persian
        assert report._rich(check.why.fa) in page
    assert "جلسهٔ 5" in page and "NotImplementedError" in page
    assert page.count("<svg") == sum(c.timing for c in timing.checks) and "<rect" in page and "1.05×" in page and "1.4×" in page
    assert f'id="{timing.id}"' in page
    tags = _Tags()
    tags.feed(page)
    assert not tags.errors and not tags.stack, (tags.errors, tags.stack)
    assert "script" not in tags.seen and "link" not in tags.seen and "img" not in tags.seen
    offline = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not any(s in offline for s in ("://", "src=", "url(", "@import")), "the page must not need the network"


def test_report_in_english_and_to_a_chosen_file(graded, tmp_path):
    ws, _ = graded
    out = tmp_path / "mine.html"
    run = grade("report", "--lang", "en", "--output", str(out), "--path", str(ws))
    assert run.code == 0 and str(out) in run.out
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in page and "Re-read: lesson 5" in page


def test_report_before_any_grading_lists_exercises_as_not_graded(workspace):
    ws = workspace("ex01_generators")
    assert grade("report", "--path", str(ws)).code == 0
    page = (ws / ".hamzaman" / "report.html").read_text(encoding="utf-8")
    assert page.count("هنوز نمره نگرفته") == len(manifest.exercises())


def test_chart_bars_follow_the_figures():
    svg = chart.bars([SPEEDUP], passed=False, lang="fa")
    widths = [float(part.split('width="')[1].split('"')[0]) for part in svg.split("<rect")[1:]]
    assert len(widths) == 2 and widths[0] / widths[1] == pytest.approx(1.05 / 1.4, rel=0.01)
    assert "#c62828" in svg and "اندازه‌گیری‌شده" in svg
    assert 'aria-label="speedup, 2 workers: اندازه‌گیری‌شده 1.05×, لازم 1.4×"' in svg


def test_code_in_persian_sentences_is_isolated_left_to_right():
    html = report._rich("take(3, [1, 2]) مقدار `x` و broken ( here")
    assert html == '<bdi dir="ltr">take(3, [1, 2])</bdi> مقدار <code>x</code> و broken ( here'


def _browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _run_browser(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", f"--user-data-dir={profile}", "--window-size=1000,1800", *args],
                          check=False, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


def test_a_real_browser_shows_readable_persian(graded, tmp_path, no_process_left):
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium on this machine: the report was not opened in a real browser")
    ws, _ = graded
    assert grade("report", "--path", str(ws)).code == 0
    page = ws / ".hamzaman" / "report.html"
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")

    dom = _run_browser(browser, tmp_path / "profile-1", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    text = dom.stdout.decode("utf-8", "replace")
    assert "کارنامهٔ تمرین‌های همزمان" in text and "ژنراتورها و دنبالهٔ فیبوناچی" in text, dom.stderr[-2000:]
    rows = json.loads(text.split('<pre id="measured">')[1].split("</pre>")[0].replace("&quot;", '"')
                      .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    assert rows, "no code span was measured"
    for row in rows:  # left to right on screen, as written
        assert row["xs"] == sorted(row["xs"]), f"{row['text']!r} is not laid out left to right"

    shot = tmp_path / "report.png"
    _run_browser(browser, tmp_path / "profile-2", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if keep := os.environ.get("HAMZAMAN_REPORT_SHOT"):
        shutil.copy(shot, keep)
