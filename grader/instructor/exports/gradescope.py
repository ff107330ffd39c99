"""Gradescope's ``results.json`` for one submission.

Spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/ . Emitted:
top-level ``score`` (the sum of the exercise scores, each out of 100 with
skipped checks left out, which overrides the tests' sum), ``execution_time``,
``output``, ``visibility`` and ``stdout_visibility``; per check a test with
``name``, ``number``, ``score``, ``max_score``, ``status`` (``passed`` or
``failed``; a skipped check has neither, max_score 0, and says "skipped" in its
name and output, since Gradescope knows no third status), ``output``,
``tags`` and ``visibility``: ``hidden`` for an instructor-only check, so the
student never sees it, else ``visible``. Outputs are HTML (``output_format`` and
``test_output_format``): Persian right to left, code and program output left to
right; the top output also says which sandbox protections held.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from grader.core.files import dump_json
from grader.core.manifest import Text
from grader.core.records import StudentRecord
from grader.core.results import FAILED, PASSED, SKIPPED, CheckResult, ExerciseResult, Protections
from grader.views.fields import clean_text, duration, explanation, message, override_note
from grader.views.prose import in_lang
from grader.views.render import OUTPUT, PROBLEM, SCORE, WORDS, pass_note

VISIBLE, HIDDEN = "visible", "hidden"
CODE = re.compile(r"`([^`\n]+)`")
HELD = Text(fa="محافظت‌هایی که برقرار بود: {held}", en="Protections that held: {held}")
MISSING = Text(fa="محافظت‌هایی که این ماشین اجازه نداد: {missing}", en="Protections this machine did not allow: {missing}")


def _html(text: str, lang: str, output: str = "") -> str:
    """Gradescope shows it as HTML (``output_format`` "html"): Persian in a right-to-left block, code
    spans and the program's output left to right, as written."""
    direction = "rtl" if lang == "fa" else "ltr"
    body = CODE.sub(r'<code dir="ltr">\1</code>', html.escape(in_lang(clean_text(text), lang), quote=False)).replace("\n", "<br>")
    parts = [f'<div dir="{direction}" lang="{lang}" style="text-align: start">{body}</div>'] if text else []
    if output:
        parts.append(f'<pre dir="ltr" lang="en">{html.escape(clean_text(output), quote=False)}</pre>')
    return "".join(parts)


def _output(result: ExerciseResult, c: CheckResult, lang: str) -> str:
    lines = [override_note(c, lang)] if c.override else []
    if c.status == SKIPPED:
        lines.append(f"{WORDS[SKIPPED](lang)}: {message(c, lang)}")
    elif c.status == FAILED:
        lines.append(explanation(result, c, lang))
    elif note := pass_note(c, lang):
        lines.append(note)
    output = c.output if c.output and c.status != PASSED else ""
    if output:
        lines.append(f"{OUTPUT(lang)}:")
    return _html("\n\n".join(lines), lang, output)


def _name(ex, spec, c: CheckResult, lang: str) -> str:
    """Persian first in a Persian name (a name that starts with ``ex01`` is laid out left to right)."""
    skipped = f" [{WORDS[SKIPPED](lang)}]" if c.status == SKIPPED else ""
    if lang == "fa":
        return f"{spec.title(lang)}{skipped} ({ex.id}، {c.id})"
    return f"{ex.id} {spec.title(lang)}{skipped} ({c.id})"


def _test(result: ExerciseResult, index: int, c: CheckResult, lang: str) -> dict:
    ex = result.exercise
    spec = ex.check(c.id)
    test = {
        "name": _name(ex, spec, c, lang),
        "number": f"{ex.number}.{index}",
        "score": c.points,
        "max_score": c.max_points if c.counts else 0,
        "output": _output(result, c, lang),
        "tags": [ex.id, f"lesson {spec.lesson}"],
        "visibility": HIDDEN if spec.hidden else VISIBLE,
    }
    if c.counts:
        test["status"] = PASSED if c.override and c.points == c.max_points else c.status
    return test


def _summary(record: StudentRecord, lang: str, protections: Protections | None) -> str:
    lines = [f"{PROBLEM(lang)}: {record.problem(lang)}"] if record.problem else []
    for r in record.results:
        lines.append(f"{r.exercise.id} {r.exercise.title(lang)}: {SCORE(lang)} {r.score}/100")
        if r.problem:
            lines.append(f"  {PROBLEM(lang)}: {r.problem(lang)}")
    if protections and protections.held:
        lines.append(HELD(lang).format(held=", ".join(protections.held)))
    if protections and protections.missing:
        lines.append(MISSING(lang).format(missing=", ".join(protections.missing)))
    return "\n".join(lines)


def results_json(record: StudentRecord, lang: str, protections: Protections | None = None) -> dict:
    return {
        "score": record.total,
        "execution_time": round(sum(duration(r) for r in record.results), 3),
        "output": _html(_summary(record, lang, protections), lang),
        "output_format": "html",
        "test_output_format": "html",
        "visibility": VISIBLE,
        "stdout_visibility": HIDDEN,
        "tests": [_test(r, i, c, lang) for r in record.results for i, c in enumerate(r.checks, 1)],
    }


def write_gradescope(record: StudentRecord, path: Path, lang: str = "fa",
                     protections: Protections | None = None) -> Path:
    return dump_json(path, results_json(record, lang, protections))
