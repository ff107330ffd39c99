"""Gradescope's ``results.json`` for one submission.

Spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/ . Emitted:
top-level ``score`` (the sum of the exercise scores, each out of 100 with
skipped checks left out, which overrides the tests' sum), ``execution_time``,
``output``, ``visibility`` and ``stdout_visibility``; per check a test with
``name``, ``number``, ``score``, ``max_score``, ``status`` (``passed`` or
``failed``; a skipped check has neither, max_score 0, and says "skipped" in its
name and output, since Gradescope knows no third status), ``output``,
``tags`` and ``visibility``: ``hidden`` for an instructor-only check, so the
student never sees it, else ``visible``.
"""
from __future__ import annotations

from pathlib import Path

from grader.core.files import dump_json
from grader.core.records import StudentRecord
from grader.core.results import FAILED, PASSED, SKIPPED, CheckResult, ExerciseResult
from grader.views.fields import clean_text, duration, explanation, message, override_note
from grader.views.render import OUTPUT, PROBLEM, SCORE, WORDS

VISIBLE, HIDDEN = "visible", "hidden"


def _output(result: ExerciseResult, c: CheckResult, lang: str) -> str:
    text = ""
    if c.status == SKIPPED:
        text = f"{WORDS[SKIPPED](lang)}: {message(c, lang)}"
    elif c.status == FAILED:
        text = explanation(result, c, lang)
    if c.output and c.status != PASSED:
        text += f"\n\n{OUTPUT(lang)}:\n{c.output}"
    if c.override:
        text = f"{override_note(c, lang)}\n\n{text}".strip()
    return clean_text(text)


def _test(result: ExerciseResult, index: int, c: CheckResult, lang: str) -> dict:
    ex = result.exercise
    spec = ex.check(c.id)
    test = {
        "name": f"{ex.id} {spec.title(lang)}" + (f" [{WORDS[SKIPPED](lang)}]" if c.status == SKIPPED else "")
                + f" ({c.id})",
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


def _summary(record: StudentRecord, lang: str) -> str:
    lines = [f"{PROBLEM(lang)}: {record.problem(lang)}"] if record.problem else []
    for r in record.results:
        lines.append(f"{r.exercise.id} {r.exercise.title(lang)}: {SCORE(lang)} {r.score}/100")
        if r.problem:
            lines.append(f"  {PROBLEM(lang)}: {r.problem(lang)}")
    return "\n".join(lines)


def results_json(record: StudentRecord, lang: str) -> dict:
    return {
        "score": record.total,
        "execution_time": round(sum(duration(r) for r in record.results), 3),
        "output": clean_text(_summary(record, lang)),
        "visibility": VISIBLE,
        "stdout_visibility": HIDDEN,
        "tests": [_test(r, i, c, lang) for r in record.results for i, c in enumerate(r.checks, 1)],
    }


def write_gradescope(record: StudentRecord, path: Path, lang: str = "fa") -> Path:
    return dump_json(path, results_json(record, lang))
