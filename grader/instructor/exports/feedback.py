"""A feedback file per student, in Markdown: every failed check with its message, why, and lesson.

The Persian file's prose is in ``<div dir="rtl" markdown="1">`` blocks so a Markdown viewer lays it
out right to left (``markdown="1"`` for Python-Markdown and MkDocs); a load problem (a traceback) and
the student's output are fenced blocks between them, left to right (inside one, a viewer would lay
the code out right to left). Text that came from the student's code is HTML-escaped or fenced, so
it cannot change the page.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from grader.core.files import write_text
from grader.core.manifest import Text
from grader.core.records import StudentRecord
from grader.core.results import FAILED, SKIPPED, ExerciseResult
from grader.instructor.exports.common import unique_stems
from grader.views import page
from grader.views.fields import message, override_note
from grader.views.prose import persian_digits
from grader.views.render import OUTPUT, PROBLEM, SCORE, WHY, lesson_line, pass_note

HEADING = Text(fa="بازخورد", en="Feedback")
TOTAL = Text(fa="جمع", en="Total")
ALL_PASSED = Text(fa="همهٔ آزمون‌ها قبول شد.", en="Every check passed.")
SKIPPED_NOTE = Text(fa="آزمون(های) اندازه‌گیری‌نشدنی، بی‌اثر در نمره",
                    en="check(s) skipped (not measurable), not counted")
LANGS = ("fa", "en")


def _fenced(text: str) -> str:
    """A code fence longer than any backtick run inside, so the text cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _prose(text: str) -> str:
    """HTML escaped, and outside `code spans` the Markdown emphasis marks too (``__init__``
    would turn bold): texts name code without always quoting it."""
    parts = re.split(r"(`[^`]*`)", html.escape(text, quote=False))
    return "".join(p if p.startswith("`") else re.sub(r"([\\*_])", r"\\\1", p) for p in parts)


def _quote(text: str) -> str:
    """A check's message as a quoted paragraph: prose, so Persian keeps its direction."""
    return "\n".join(f"> {_prose(line)}".rstrip() for line in text.splitlines())


def _exercise(result: ExerciseResult, lang: str) -> list[str]:
    ex = result.exercise
    lines = [f"## {ex.id}: {_prose(ex.title(lang))} ({SCORE(lang)}: {result.score}/100)", ""]
    if result.problem:
        lines += [f"**{PROBLEM(lang)}:**", "", _fenced(result.problem(lang)), ""]
        return lines
    failed = [c for c in result.checks if c.status == FAILED]
    for c in result.checks:
        if c.override and c.status != FAILED:
            lines += [f"- {_prose(ex.check(c.id).title(lang))} (`{c.id}`): {_prose(override_note(c, lang))}", ""]
    for c in failed:
        spec = ex.check(c.id)
        lines += [f"### {_prose(spec.title(lang))} (`{c.id}`, {c.points}/{c.max_points})", ""]
        if c.override:
            lines += [f"**{_prose(override_note(c, lang))}**", ""]
        if c.message:
            lines += [_quote(message(c, lang)), ""]
        lines += [f"- {WHY(lang)}: {_prose(spec.why(lang))}", f"- {_prose(lesson_line(ex, spec, lang))}", ""]
        if c.output:
            lines += [f"{OUTPUT(lang)}:", "", _fenced(c.output), ""]
    for c in result.checks:
        if note := pass_note(c, lang):
            lines += [f"- {_prose(ex.check(c.id).title(lang))} (`{c.id}`): {_prose(note)}", ""]
    skipped = sum(c.status == SKIPPED for c in result.checks)
    if skipped:
        lines += [f"{skipped} {SKIPPED_NOTE(lang)}", ""]
    if not failed:
        lines += [ALL_PASSED(lang), ""]
    return lines


def feedback_markdown(record: StudentRecord, lang: str) -> str:
    lines = [f"# {HEADING(lang)}: {_prose(record.student)}", "",
             f"{TOTAL(lang)}: {record.total}/{100 * len(record.results)}", ""]
    if record.problem:
        lines += [f"**{PROBLEM(lang)}:**", "", _fenced(record.problem(lang)), ""]
    for result in record.results:
        lines += _exercise(result, lang)
    body = "\n".join(lines).rstrip() + "\n"
    return _right_to_left(body) if lang == "fa" else body


FENCED = re.compile(r"^(`{3,})text\n.*?\n\1$", re.DOTALL | re.MULTILINE)


def _right_to_left(body: str) -> str:
    parts, at = [], 0
    for fence in [*FENCED.finditer(body), None]:
        prose = body[at:fence.start() if fence else len(body)].strip("\n")
        if prose:
            prose = "\n".join(map(persian_digits, prose.split("\n")))  # line by line, as each view reads a message
            parts.append(f'<div dir="rtl" markdown="1">\n\n{prose}\n\n</div>')
        if fence:
            parts.append(fence.group(0))
            at = fence.end()
    return "\n\n".join(parts) + "\n"


def feedback_html(record: StudentRecord, lang: str) -> str:
    """The page a student's own ``grade report`` shows, for the results of a batch."""
    shown = {r.exercise.id: page.Shown(r, folder=f"exercises/{r.exercise.slug}") for r in record.results}
    return page.render(shown, lang, f"{HEADING(lang)}: {record.student}")


def write_feedback(records: list[StudentRecord], folder: Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """``<student>.<lang>.md`` and ``<student>.<lang>.html`` for each student and language; names made
    safe and unique."""
    written = []
    for record, stem in zip(records, unique_stems(records)):
        for lang in langs:
            written.append(write_text(folder / f"{stem}.{lang}.md", feedback_markdown(record, lang)))
            written.append(write_text(folder / f"{stem}.{lang}.html", feedback_html(record, lang)))
    return written
