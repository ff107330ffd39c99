"""`grade report`: a right-to-left Persian HTML page built from stored results, charts for timing checks.

Where Chromium is installed, a headless browser opens the page: the Persian text is
in the rendered DOM, every left-to-right code span is laid out left to right, and a
screenshot is written (look at it: HAMZAMAN_REPORT_SHOT=path keeps a copy).
Where no Chromium exists, those tests are skipped and say so.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
from html.parser import HTMLParser

import pytest
from browser import probe as browser_probe
from browser import run as browser_run
from conftest import REPO, grade

from grader.core import manifest
from grader.core.manifest import Text
from grader.core.results import FAILED, PASSED, SKIPPED, CheckResult, ExerciseResult
from grader.core.workspace import Workspace
from grader.student import hints, progress
from grader.views import chart, measures, render
from grader.views import page as page_view

SPEEDUP = {"name": "pace against a known-good parallel version (from CPU time)", "measured": 1.05, "required": 1.4,
           "unit": "×"}
IN_FLIGHT = {"name": "most requests in flight with limit=3", "measured": 3, "required": 3, "unit": "requests"}
LAG = {"name": "heartbeat's worst lag", "measured": 0.9, "required": 0.3, "unit": "s"}
# Each probe runs in the page once it has loaded and leaves its findings, as JSON, in <pre id="probe">.
SPANS = """
  return [...document.querySelectorAll('bdi[dir=ltr]')].map(el => {
    const text = el.textContent, xs = [];
    const node = el.firstChild;
    for (let i = 0; node && node.nodeType === 3 && i < node.length; i++) {
      if (!/[ -~]/.test(text[i]) || text[i] === ' ') continue;
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      xs.push(r.getBoundingClientRect().left);
    }
    return {text, xs};
  });
"""
STYLES = """
  const style = (selector, property) =>
    [...document.querySelectorAll(selector)].map(el => getComputedStyle(el)[property]);
  const luminance = colour => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(v => {
      v = Number(v) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c !== 'transparent' && !/, 0\\)$/.test(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const [a, b] = [luminance(getComputedStyle(el).color), luminance(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return {passed: style('ol.checks > li.passed', 'borderInlineStartColor'),
          failed: style('ol.checks > li.failed', 'borderInlineStartColor'),
          skipped: style('ol.checks > li.skipped', 'borderInlineStartColor'),
          font: getComputedStyle(document.body).fontFamily, low};
"""
GREEN, RED, AMBER = "rgb(46, 125, 50)", "rgb(198, 40, 40)", "rgb(249, 168, 37)"


def _timing_exercise() -> manifest.Exercise:
    return next(ex for ex in manifest.exercises() if sum(bool(c.timing) for c in ex.checks) >= 2)


def _store_timing_result(ws: Workspace) -> manifest.Exercise:
    """A stored result: the first timing check failed with measurements, the second skipped, the rest passed."""
    ex = _timing_exercise()
    first, second = [c for c in ex.checks if c.timing][:2]
    checks = []
    for c in ex.checks:
        if c is first:
            checks.append(CheckResult(c.id, FAILED, c.points, Text(fa="تنها ۱٫۰۵ برابر سریع‌تر شد: `ThreadPool`",
                                                                   en="Only 1.05× faster: `ThreadPool`"), 2.0,
                                      measurements=[SPEEDUP, IN_FLIGHT]))
        elif c is second:
            checks.append(CheckResult(c.id, SKIPPED, c.points, Text(fa="اینجا فقط یک هسته هست.",
                                                                    en="Only one core here."), 0.5))
        else:
            checks.append(CheckResult(c.id, PASSED, c.points))
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
    """A workspace where ex01's stub was graded for real, with a hint read, plus a stored timing result."""
    ws = workspace("ex01_generators")
    assert grade("ex01", "--path", str(ws)).code == 1
    hints.reveal(Workspace(ws), manifest.find("ex01"), "take_exact_pull")
    timing = _store_timing_result(Workspace(ws))
    return ws, timing


def _skipped(page: str, timing: manifest.Exercise) -> str:
    second = [c for c in timing.checks if c.timing][1]
    return next(item for item in page.split("<li ") if f"<code>{second.id}</code>" in item)


def test_report_is_rtl_persian_with_explanations_and_a_chart(graded):
    ws, timing = graded
    run = grade("report", "--path", str(ws))
    assert run.code == 0, run.err
    page = (ws / ".hamzaman" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in page
    ex01 = manifest.find("ex01")
    for check in ex01.checks:  # every check of the stub failed: each explained, in Persian, with its hint
        assert page_view._rich(check.why.fa, "fa") in page
        assert (f"<code>grade hint ex01 {check.id}</code>" in page) != check.hidden  # the kit has no hints for those
    assert "جلسهٔ ۵ (ژنراتورها)" in page and "NotImplementedError" in page
    assert page.count("<svg") == 1 and "1.05×" in page and "1.4×" in page and "3 درخواست" in page
    for figure in (SPEEDUP, IN_FLIGHT):  # the figures' names and units in Persian, none left in English
        assert measures.meaning(figure["name"]).name.fa in page and figure["name"] not in page
    assert "requests" not in page
    read = hints.ladders(ex01)["take_exact_pull"][0].fa
    assert "راهنمایی‌هایی که خوانده‌اید (۱ از" in page and page_view._rich(read, "fa") in page
    assert "کنار گذاشته شد" in _skipped(page, timing) and "رد" not in _skipped(page, timing)
    assert f'id="{timing.id}"' in page
    tags = _Tags()
    tags.feed(page)
    assert not tags.errors and not tags.stack, (tags.errors, tags.stack)
    assert "script" not in tags.seen and "link" not in tags.seen and "img" not in tags.seen
    offline = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not any(s in offline for s in ("://", "src=", "url(", "@import")), "the page must not need the network"


def test_report_in_english_and_to_a_chosen_file(graded, tmp_path):
    ws, timing = graded
    out = tmp_path / "mine.html"
    run = grade("report", "--lang", "en", "--output", str(out), "--path", str(ws))
    assert run.code == 0 and str(out) in run.out
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in page and "Re-read: lesson 5 (Generators)" in page
    second = [c for c in timing.checks if c.timing][1]
    assert f"skipped: its {second.points} points are not counted" in _skipped(page, timing)
    assert "required at least" in page and "required exactly" in page and "3 requests" in page


def test_report_before_any_grading_lists_exercises_as_not_graded(workspace):
    ws = workspace("ex01_generators")
    assert grade("report", "--path", str(ws)).code == 0
    page = (ws / ".hamzaman" / "report.html").read_text(encoding="utf-8")
    assert page.count("هنوز نمره نگرفته") == len(manifest.exercises())


def _attr(element: str, name: str) -> float:
    return float(element.split(f'{name}="')[1].split('"')[0])


def _element(svg: str, cls: str, group: int = 0) -> str:
    return svg.split(f'class="{cls}"')[group + 1].split(">")[0]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_each_figure_has_its_own_scale_its_bound_and_its_direction(lang):
    svg = chart.bars([SPEEDUP, IN_FLIGHT], passed=False, lang=lang)
    rtl = lang == "fa"
    origin = chart.WIDTH - chart.PAD if rtl else chart.PAD
    for group, figure in enumerate((SPEEDUP, IN_FLIGHT)):
        bar = _element(svg, "measured", group)
        bound = abs(_attr(_element(svg, "required", group), "x1") - origin)
        assert _attr(bar, "width") / bound == pytest.approx(figure["measured"] / figure["required"], rel=0.01)
        assert bound == pytest.approx((chart.WIDTH - 2 * chart.PAD) / 1.25, rel=0.01), "not scaled on its own"
    assert 'fill="#c62828"' in _element(svg, "measured", 0) and 'fill="#2e7d32"' in _element(svg, "measured", 1)
    zone = _element(svg, "zone")  # at least: the passing side lies beyond the bound, away from the origin
    mark = _attr(_element(svg, "required"), "x1")
    beyond = (_attr(zone, "x") + _attr(zone, "width") <= mark + 0.5) if rtl else (_attr(zone, "x") >= mark - 0.5)
    assert beyond and svg.count('class="zone"') == 1, "an exact target has no passing side"
    words = "لازم دست‌کم" if rtl else "required at least"
    assert words in svg and ("لازم دقیقاً 3 درخواست" if rtl else "required exactly 3 requests") in svg


def test_a_ceiling_shades_the_side_below_it():
    svg = chart.bars([LAG], passed=False, lang="en")
    zone, mark = _element(svg, "zone"), _attr(_element(svg, "required"), "x1")
    assert _attr(zone, "x") == pytest.approx(chart.PAD)
    assert _attr(zone, "x") + _attr(zone, "width") == pytest.approx(mark)
    assert "required at most 0.3 s" in svg and "بیشترین تأخیر ضربان" in chart.bars([LAG], False, "fa")


def test_units_agree_with_their_number():
    assert measures.number(1, "requests", "en") == "1 request" and measures.number(3, "requests", "en") == "3 requests"
    assert measures.number(3, "requests", "fa") == "3 درخواست" and measures.number(0.25, "share", "en") == "25%"
    assert measures.number(1.4, "×", "fa") == "1.4×" and measures.number(0.5, "s", "fa") == "0.5 ثانیه"


def _recorded_names() -> list[tuple[str, ast.expr]]:
    """The first argument of every record(...) call in the suites and the check helpers."""
    found = []
    for path in [*(REPO / "grader" / "suites").glob("*/test_*.py"), *(REPO / "grader" / "checks").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "record" \
                    and node.args:
                found.append((f"{path.parent.name}/{path.name}:{node.lineno}", node.args[0]))
    return found


def test_every_recorded_figure_has_a_persian_name_and_a_direction():
    patterns = [re.sub(r"\\(.)", r"\1", pattern.pattern) for pattern, _, _ in measures._KNOWN]
    names = _recorded_names()
    assert len(names) >= 15
    for where, name in names:
        if isinstance(name, ast.Constant):
            assert measures.meaning(name.value).bound, f"{where}: {name.value!r} is not in grader/views/measures.py"
        else:  # an f-string: its text up to the first placeholder starts one of the known patterns
            assert isinstance(name, ast.JoinedStr), where
            head = name.values[0].value if isinstance(name.values[0], ast.Constant) else ""
            assert head and any(p.startswith(head) for p in patterns), \
                f"{where}: {head!r}… is not in grader/views/measures.py"


def test_code_in_persian_sentences_is_isolated_left_to_right():
    html = page_view._rich("take(3, [1, 2]) مقدار `x` و broken ( here", "fa")
    assert html == '<bdi dir="ltr">take(3, [1, 2])</bdi> مقدار <code>x</code> و broken ( here'


def test_a_skipped_check_never_reads_as_failed():
    check = CheckResult("speedup", SKIPPED, 25)
    assert render.verdict(check, "fa") == "کنار گذاشته شد: ۲۵ امتیازش در نمره حساب نمی‌شود"
    assert render.verdict(check, "en") == "skipped: its 25 points are not counted"




def test_a_real_browser_shows_readable_persian(graded, browser, tmp_path, no_process_left):
    ws, _ = graded
    assert grade("report", "--path", str(ws)).code == 0
    page = ws / ".hamzaman" / "report.html"
    rows, text = browser_probe(browser, page, SPANS, tmp_path, "spans")
    assert "کارنامهٔ تمرین‌های همزمان" in text and "ژنراتورها و دنبالهٔ فیبوناچی" in text
    assert rows, "no code span was measured"
    for row in rows:  # left to right on screen, as written
        assert row["xs"] == sorted(row["xs"]), f"{row['text']!r} is not laid out left to right"

    shot = tmp_path / "report.png"
    browser_run(browser, tmp_path / "profile-shot", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if keep := os.environ.get("HAMZAMAN_REPORT_SHOT"):
        shutil.copy(shot, keep)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_real_browser_draws_the_stripes_with_readable_contrast(graded, browser, lang, tmp_path, no_process_left):
    """Computed styles, not the HTML: a rule that loses on specificity shows only in the browser."""
    ws, _ = graded
    page = tmp_path / f"report-{lang}.html"
    assert grade("report", "--lang", lang, "--output", str(page), "--path", str(ws)).code == 0
    found, _ = browser_probe(browser, page, STYLES, tmp_path, f"styles-{lang}")
    assert found["failed"] and set(found["failed"]) == {RED}, found["failed"]
    assert found["passed"] and set(found["passed"]) == {GREEN}, found["passed"]
    assert found["skipped"] == [AMBER], found["skipped"]
    assert not found["low"], f"text below WCAG AA contrast: {found['low']}"
    first_font = found["font"].split(",")[0].strip().strip('"')
    assert first_font == ("Vazirmatn" if lang == "fa" else "Noto Sans"), found["font"]
