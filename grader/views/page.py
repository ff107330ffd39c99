"""One self-contained HTML page of results: the student's ``grade report``, and the per-student
feedback page of ``grade export``.

Persian by default, right to left, with every failed check's explanation and, for timing
checks, a chart of what was measured against what was required, and the hints the student has
read. No script, no web font, no network: the page opens the same offline, from a file, in any
browser. Every text colour keeps WCAG AA contrast (4.5:1) on its background, and each language
gets fonts drawn for it (a Persian font's digits and colons look out of place in English).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from grader.core import hint_ladders as hints
from grader.core import manifest
from grader.core.manifest import Exercise, Text
from grader.core.results import FAILED, PASSED, ExerciseResult
from grader.views import chart, prose
from grader.views.fields import explained_by_problem, override_note
from grader.views.render import (
    HINT,
    OUTPUT,
    PROBLEM,
    SCORE,
    WHY,
    clickable,
    hidden_note,
    lesson_line,
    pass_note,
    verdict,
)

HEADING = Text(fa="کارنامهٔ تمرین‌های همزمان", en="hamzaman: your results")
MADE = Text(fa="ساخته‌شده در", en="Made on")
TOTAL = Text(fa="جمع", en="Total")
GRADED = Text(fa="آخرین نمره‌دهی", en="Last graded")
NOT_YET = Text(fa="هنوز نمره نگرفته", en="not graded yet")
EXERCISE = Text(fa="تمرین", en="Exercise")
MEASURED = Text(fa="اندازه‌گیری در برابر حد لازم", en="Measured against required")
HINTS_READ = Text(fa="راهنمایی‌هایی که خوانده‌اید ({n} از {total})", en="Hints you have read ({n} of {total})")
MARKS = {PASSED: "✔", FAILED: "✘"}
LATIN = '"Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif'
STYLE = f"""
html[lang=fa] body {{ font-family: "Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma,
       "DejaVu Sans", sans-serif; }}
html[lang=en] body, bdi[dir=ltr] {{ font-family: {LATIN}; }}
body {{ max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; color: #212121;
       background: #fafafa; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ padding: .3rem .6rem; text-align: start; }}
tr:nth-child(even) {{ background: #f0f0f0; }}
code, pre {{ font-family: "DejaVu Sans Mono", Consolas, monospace; direction: ltr; unicode-bidi: isolate; }}
code {{ background: #eceff1; padding: 0 .25rem; border-radius: 3px; }}
pre {{ background: #263238; color: #eceff1; padding: .6rem; overflow-x: auto; text-align: left; }}
.score {{ float: inline-end; }} .full {{ color: #2e7d32; }} .part {{ color: #a85400; }} .zero {{ color: #c62828; }}
ol.checks {{ list-style: none; padding: 0; }}
ol.checks > li {{ margin: .6rem 0; padding: .4rem .8rem; border-inline-start: 4px solid #9e9e9e; background: #fff; }}
ol.checks > li.passed {{ border-inline-start-color: #2e7d32; }}
ol.checks > li.failed {{ border-inline-start-color: #c62828; }}
ol.checks > li.skipped {{ border-inline-start-color: #f9a825; }}
.mark {{ font-weight: bold; }} li.passed .mark {{ color: #2e7d32; }} li.failed .mark {{ color: #c62828; }}
li.skipped .mark {{ color: #8a5a00; }}
.problem {{ background: #ffebee; padding: .6rem; }} .muted {{ color: #616161; font-size: .9rem; }}
details.hints {{ margin: .4rem 0; }} details.hints summary {{ cursor: pointer; }}
"""


@dataclass
class Shown:
    """One exercise's result on the page, and what the page needs around it."""

    result: ExerciseResult
    at: str = ""  # ISO time of the grading, when known
    folder: str = ""  # the exercise's folder from the workspace root: locations in it become links
    hints_read: Mapping[str, int] = field(default_factory=dict)  # check id -> hints the student has read


def render(shown: Mapping[str, Shown | None], lang: str, heading: str = "") -> str:
    """The page for every exercise of the manifest; ``shown``: exercise id -> its result, or None."""
    heading = heading or HEADING(lang)
    direction = "rtl" if lang == "fa" else "ltr"
    graded = [s for s in shown.values() if s]
    total = f"{sum(s.result.score for s in graded)}/{100 * len(graded)}" if graded else "–"
    made = f"{datetime.now().astimezone():%Y-%m-%d %H:%M}"
    body = [f"<h1>{escape(heading)}</h1>",
            f'<p class="muted">{MADE(lang)} {made} · {TOTAL(lang)}: <bdi>{total}</bdi></p>', _summary(shown, lang)]
    body += [_exercise(ex, s, lang) for ex in manifest.exercises() if (s := shown.get(ex.id))]
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(heading)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _rich(text: str, lang: str) -> str:
    """Escape a verdict text, show its `code` spans as code, and keep each call or list left to right;
    in Persian, the prose's numbers in Persian digits (``grader.views.prose``).

    In a right-to-left paragraph, the bidirectional algorithm mirrors and moves the
    brackets of ``take(3, [1, 2])``; isolating the whole expression as left-to-right
    text keeps it as written (Persian words inside it stay readable).
    """
    parts = [f'<bdi dir="ltr">{escape(piece)}</bdi>' if code else escape(piece)
             for piece, code in prose.pieces(prose.in_lang(text, lang)) if piece]
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", "".join(parts))


def _hints(ladder: list[Text], read: int, lang: str) -> str:
    items = "".join(f"<li>{_rich(hint(lang), lang)}</li>" for hint in ladder[:read])
    summary = prose.in_lang(HINTS_READ(lang).format(n=read, total=len(ladder)), lang)
    return f'<details class="hints"><summary>{summary}</summary><ol>{items}</ol></details>'


def _score_class(score: int) -> str:
    return "full" if score == 100 else "part" if score else "zero"


def _summary(shown: Mapping[str, Shown | None], lang: str) -> str:
    rows = []
    for ex in manifest.exercises():
        s = shown.get(ex.id)
        score = (f'<a href="#{ex.id}" class="{_score_class(s.result.score)}"><bdi>{s.result.score}/100</bdi></a>'
                 if s else f'<span class="muted">{NOT_YET(lang)}</span>')
        rows.append(f"<tr><td><bdi>{ex.id}</bdi></td><td>{escape(ex.title(lang))}</td><td>{score}</td></tr>")
    return (f"<table><thead><tr><th>{EXERCISE(lang)}</th><th></th><th>{SCORE(lang)}</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _exercise(ex: Exercise, shown: Shown, lang: str) -> str:
    r, folder, read = shown.result, shown.folder, shown.hints_read
    ladders = hints.ladders(ex)
    score = f'<span class="score {_score_class(r.score)}"><bdi>{r.score}/100</bdi></span>'
    parts = [f'<section id="{ex.id}"><h2><bdi>{ex.id}</bdi> {escape(ex.title(lang))} {score}</h2>']
    if shown.at:
        parts.append(f'<p class="muted">{GRADED(lang)}: '
                     f'<bdi>{datetime.fromisoformat(shown.at).astimezone():%Y-%m-%d %H:%M}</bdi></p>')
    if ex.hidden_checks:
        parts.append(f'<p class="muted">{_rich(hidden_note(ex.hidden_checks, ex.hidden_points)(lang), lang)}</p>')
    if r.problem:
        parts.append(f'<div class="problem"><strong>{PROBLEM(lang)}:</strong> '
                     f"<pre>{escape(clickable(r.problem(lang), ex, folder))}</pre></div>")
    parts.append('<ol class="checks">')
    for c in r.checks:
        check = ex.check(c.id)
        parts.append(f'<li class="{c.status}"><span class="mark">{MARKS.get(c.status, "–")}</span> '
                     f"{_rich(check.title(lang), lang)} <span class=\"muted\">[<bdi>{escape(verdict(c, lang))}</bdi>] "
                     f"<code>{c.id}</code></span>")
        if c.override:
            parts.append(f"<p><strong>{_rich(override_note(c, lang), lang)}</strong></p>")
        explained = explained_by_problem(r, c)
        if c.status != PASSED and c.message and not explained:
            parts.append(f"<p>{_rich(clickable(c.message(lang), ex, folder), lang)}</p>")
        if note := pass_note(c, lang):
            parts.append(f"<p class=\"muted\">{_rich(clickable(note, ex, folder), lang)}</p>")
        if c.status == FAILED and not explained:
            parts.append(f"<p><strong>{WHY(lang)}:</strong> {_rich(check.why(lang), lang)}</p>"
                         f"<p class=\"muted\">{_rich(lesson_line(ex, check, lang), lang)}</p>")
            if ladders.get(c.id):  # an instructor-only check has none: the kit could not show them
                parts.append(f"<p class=\"muted\">{HINT(lang)}: <code>{hints.command(ex, c.id)}</code></p>")
        if read.get(c.id):
            parts.append(_hints(ladders.get(c.id, []), read[c.id], lang))
        if c.measurements:
            parts.append(f"<p class=\"muted\">{MEASURED(lang)}</p>"
                         + chart.bars(c.measurements, c.status == PASSED, lang))
        if c.output and c.status != PASSED:
            parts.append(f"<p class=\"muted\">{OUTPUT(lang)}:</p><pre>{escape(c.output)}</pre>")
        parts.append("</li>")
    parts.append("</ol></section>")
    return "\n".join(parts)

