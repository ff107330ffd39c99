"""One result, every view: the terminal, the HTML report, the feedback page, Gradescope, Classroom and
JUnit show the same things for it (grader.views.fields holds the rule)."""
from __future__ import annotations

import html
import re

import pytest

from grader.core import manifest
from grader.core.manifest import Text
from grader.core.records import StudentRecord
from grader.core.results import FAILED, PASSED, CheckResult, ExerciseResult
from grader.core.workspace import Workspace
from grader.instructor.exports import gradescope, junit
from grader.instructor.exports.feedback import feedback_markdown
from grader.student import progress, report
from grader.views import classroom_json, render
from grader.views.fields import explained_by_problem

SEEN = Text(fa="take(3, ...) شش مقدار برداشت.", en="take(3, ...) pulled six values.")
NOTE = Text(fa="اندازهٔ Pool از `os.cpu_count()` آمد.", en="The pool was sized by `os.cpu_count()`.")
BROKEN = Text(fa="ماژول شما import نشد: SyntaxError در خط ۳.", en="Your module did not import: SyntaxError on line 3.")


def _results() -> tuple[ExerciseResult, ExerciseResult]:
    """ex01 with one failed check; ex02 broken as a whole (every check failed, the problem says why)."""
    one, two = manifest.exercises()[:2]
    failing = one.checks[0]
    checks = [CheckResult(c.id, FAILED, c.points, SEEN) if c is failing else CheckResult(c.id, PASSED, c.points)
              for c in one.checks]
    broken = [CheckResult(c.id, FAILED, c.points) for c in two.checks]
    return ExerciseResult(one, checks, None, 1.0), ExerciseResult(two, broken, BROKEN, 0.5)


def _terminal(result: ExerciseResult, lang: str, capsys) -> str:
    view = render.View(lang)
    if result.problem:
        render.problem(result, view)
    for c in result.checks:
        render.check(result.exercise, c, view, explained=explained_by_problem(result, c))
    return capsys.readouterr().out


def _report(result: ExerciseResult, lang: str, workspace) -> str:
    ws = Workspace(workspace(result.exercise.slug))
    progress.record(ws, [result])
    return report.build(ws, lang)


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.")


def _plain(text: str) -> str:
    """Markup and code marks left out, and digits in one script (a Persian view writes the prose's numbers
    in Persian digits, a machine format as they came), so that one text can be looked for in every view."""
    return text.replace("`", "").translate(LATIN_DIGITS)


def _unhtml(page: str) -> str:
    return html.unescape(re.sub(r"<style.*?</style>|<script.*?</script>|<[^>]+>", "",
                                page.replace("<br>", "\n"), flags=re.DOTALL))


def _every_view(result: ExerciseResult, lang: str, capsys, workspace) -> dict[str, str]:
    """Each view's text as a reader sees it: tags, entities and escapes undone."""
    record = StudentRecord("student", [result])
    tree = junit.to_junit([record], lang)
    return {view: _plain(text) for view, text in {
        "terminal": _terminal(result, lang, capsys),
        "report": _unhtml(_report(result, lang, workspace)),
        "feedback": feedback_markdown(record, lang),
        "gradescope": _unhtml("\n".join(_strings(gradescope.results_json(record, lang)))),  # HTML outputs
        "classroom": "\n".join(_strings(classroom_json.results_json(record, lang))),
        "junit": "\n".join([*tree.itertext(),  # each failure's first line is its message="" too, as JUnit has it
                            *(p.get("value") for p in tree.iter("property") if p.get("name") == "note")]),
    }.items()}


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_failed_check_shows_what_was_seen_why_and_the_lesson_once_in_every_view(lang, capsys, workspace):
    result, _ = _results()
    spec = result.exercise.checks[0]
    others = [c for c in result.exercise.checks[1:] if c.why(lang) != spec.why(lang)]
    for view, text in _every_view(result, lang, capsys, workspace).items():
        assert text.count(_plain(SEEN(lang))) == 1, view
        assert text.count(_plain(spec.why(lang))) == 1, view
        assert re.search(rf"\b{spec.lesson}\b", text), view
        assert not any(_plain(c.why(lang)) in text for c in others), f"{view}: a passed check's explanation is shown"


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_note_on_a_passed_check_is_shown_once_in_every_view_for_students(lang, capsys, workspace):
    result, _ = _results()
    result.checks[1].message = NOTE
    for view, text in _every_view(result, lang, capsys, workspace).items():
        assert text.count(_plain(NOTE(lang))) == 1, view  # JUnit: a property of the passed testcase
        assert text.count(_plain(result.exercise.checks[1].why(lang))) == 0, view  # still a pass


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_broken_grading_shows_its_problem_and_no_check_explanation(lang, capsys, workspace):
    _, result = _results()
    for view, text in _every_view(result, lang, capsys, workspace).items():
        count = text.count(_plain(BROKEN(lang)))
        if view in ("terminal", "report", "feedback"):  # a page: the problem once, above the checks
            assert count == 1, (view, count)
        else:  # each check on its own: the problem is what explains it
            assert count >= 1, (view, count)
        assert not any(_plain(c.why(lang)) in text for c in result.exercise.checks), \
            f"{view}: a check's usual mistake is shown where the whole grading broke"
