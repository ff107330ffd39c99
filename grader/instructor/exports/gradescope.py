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
from grader.core.results import PASSED, SKIPPED, CheckResult, ExerciseResult
from grader.views.fields import clean_text, duration, explanation, message
from grader.views.render import OUTPUT, PROBLEM, SCORE, WORDS

VISIBLE, HIDDEN = "visible", "hidden"


def _output(result: ExerciseResult, c: CheckResult, lang: str) -> str:
    if c.status == PASSED:
        return ""
    text = f"{WORDS[SKIPPED](lang)}: {message(c, lang)}" if c.status == SKIPPED else explanation(result, c, lang)
    if c.output:
        text += f"\n\n{OUTPUT(lang)}:\n{c.output}"
    return clean_text(text)


def _test(result: ExerciseResult, index: int, c: CheckResult, lang: str) -> dict:
    ex = result.exercise
    spec = ex.check(c.id)
    test = {
        "name": f"{ex.id} {spec.title(lang)}" + (f" [{WORDS[SKIPPED](lang)}]" if c.status == SKIPPED else "")
                + f" ({c.id})",
        "number": f"{ex.number}.{index}",
        "score": c.points,
        "max_score": 0 if c.status == SKIPPED else c.max_points,
        "output": _output(result, c, lang),
        "tags": [ex.id, f"lesson {spec.lesson}"],
        "visibility": HIDDEN if spec.hidden else VISIBLE,
    }
    if c.status != SKIPPED:
        test["status"] = c.status
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
