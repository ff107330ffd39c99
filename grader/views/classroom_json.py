"""The Exercism v3 test-runner result, extended so GitHub Classroom can report points.

Exercism (test runner interface, version 3): top-level ``version`` (3),
``status`` (``pass`` every test passed, ``fail`` some failed, ``error`` none could
run), ``message`` (only for ``error``), ``tests``: each with ``name``, ``status``
(``pass``/``fail``/``error``), ``message`` (null for a pass; else what was observed,
why it is wrong and the lesson to re-read), ``output`` (what the
student's code printed, capped at 500 characters, or null), ``test_code`` (the
command that reruns it) and ``task_id`` (the exercise number).

GitHub Classroom's ``autograding-grading-reporter`` reads a runner's result
(base64 in the ``<RUNNER>_RESULTS`` environment variable) and uses ``status``,
``max_score`` and each test's ``name``, ``status``, ``message`` and ``score``;
points are the sum of the tests' ``score`` over ``max_score``. So this adds
``max_score`` (100 per exercise) and a per-test ``score``: the check's points
scaled like the exercise score, as integers adding up to it exactly.
A skipped check (not measurable on the runner) is left out: neither format has
a status for it, and it earns no points. ``tests`` is always present, even for
``error``: the reporter iterates it unconditionally.
"""
from __future__ import annotations

from pathlib import Path

from grader.core.files import dump_json
from grader.core.records import StudentRecord
from grader.core.results import PASSED
from grader.views.fields import explanation, override_note, scaled_points
from grader.views.prose import in_lang
from grader.views.render import pass_note

VERSION = 3
OUTPUT_LIMIT = 500
PASS, FAIL, ERROR = "pass", "fail", "error"


def _tests(record: StudentRecord, lang: str) -> list[dict]:
    tests = []
    for result in record.results:
        ex = result.exercise
        scaled = scaled_points(result)
        for c in result.checks:
            if not c.counts:
                continue
            tests.append({
                "name": f"{ex.id}: {ex.check(c.id).title(lang)}",
                "status": PASS if c.status == PASSED else ERROR if result.problem else FAIL,
                "message": in_lang("\n".join(filter(None, [override_note(c, lang),
                                                            pass_note(c, lang) if c.status == PASSED
                                                            else explanation(result, c, lang)])), lang)
                           or None,
                "output": c.output[:OUTPUT_LIMIT] or None,
                "test_code": f"grade {ex.id}  # check {c.id}",
                "task_id": ex.number,
                "score": scaled[c.id],
            })
    return tests


def results_json(record: StudentRecord, lang: str) -> dict:
    tests = _tests(record, lang)
    broken = [r for r in record.results if r.problem]
    if record.problem or not tests or len(broken) == len(record.results):
        status = ERROR
        parts = [record.problem(lang)] if record.problem else []
        parts += [f"{r.exercise.id}: {r.problem(lang)}" for r in broken]
        text = "\n".join(parts) or "no check ran"
    else:
        status = FAIL if any(t["status"] != PASS for t in tests) else PASS
        text = None
    return {"version": VERSION, "status": status, "message": text,
            "max_score": 100 * len(record.results), "tests": tests}


def write_classroom(record: StudentRecord, path: Path, lang: str = "en") -> Path:
    return dump_json(path, results_json(record, lang))
