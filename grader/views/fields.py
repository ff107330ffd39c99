"""One rule for what a result shows, shared by every export, the terminal and the report.

A failed check reads as: what was observed, the usual mistake behind it (the manifest's `why`)
and the lesson to re-read. When the grading broke as a whole (a syntax error, an import that
failed or hung, a contract problem), that problem explains every failed check: a page (terminal,
report, feedback) shows it once, above the checks, and the checks say nothing more; a format that
shows each check on its own (Gradescope, Classroom, JUnit) gives the problem as the check's
explanation. Never the check's usual mistake then: it is not what went wrong.
"""
from __future__ import annotations

import re

from grader.core.manifest import Text
from grader.core.results import FAILED, CheckResult, ExerciseResult
from grader.views.render import WHY, lesson_line

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def duration(result: ExerciseResult) -> float:
    """The exercise's run time; a gradebook keeps only the checks' own, so add those up then."""
    return result.duration or sum(c.duration for c in result.checks)


def message(check: CheckResult, lang: str) -> str:
    return check.message(lang) if check.message else ""


def scaled_points(result: ExerciseResult) -> dict[str, int]:
    """Each check's points scaled like the score (skipped checks do not count), as integers
    that add up to exactly ``result.score`` (largest remainder), for formats that sum tests."""
    possible = sum(c.max_points for c in result.checks if c.counts)
    exact = {c.id: (100 * c.points / possible if possible else 0.0) for c in result.checks}
    points = {cid: int(value) for cid, value in exact.items()}
    missing = result.score - sum(points.values())
    for cid in sorted(exact, key=lambda k: exact[k] - points[k], reverse=True)[:max(missing, 0)]:
        points[cid] += 1
    return points


def clean_text(text: str) -> str:
    """Student output may hold characters XML 1.0 and some JSON stores refuse (NUL, escape codes, lone
    surrogates): each becomes U+FFFD, so the reader still sees something was there."""
    return _NOT_XML.sub("\ufffd", text)


SET_BY_HAND = Text(fa="امتیاز به تعیین مدرس: {points} از {most} ({comment})",
                  en="Points set by the instructor: {points}/{most} ({comment})")


def override_note(check: CheckResult, lang: str) -> str:
    """The points an instructor set by hand for this check, and why; "" when none was set."""
    if check.override is None:
        return ""
    return SET_BY_HAND(lang).format(points=check.override.points, most=check.max_points,
                                    comment=check.override.comment)


def explained_by_problem(result: ExerciseResult, check: CheckResult) -> bool:
    return result.problem is not None and check.status == FAILED


def explanation(result: ExerciseResult, check: CheckResult, lang: str) -> str:
    """A failed check, on its own: what it saw, the usual mistake behind it and the lesson to re-read
    (or the problem of the whole grading, which explains it)."""
    if explained_by_problem(result, check):
        return result.problem(lang)
    spec = result.exercise.check(check.id)
    lines = [message(check, lang)] if check.message else []
    lines += [f"{WHY(lang)}: {spec.why(lang)}", lesson_line(result.exercise, spec, lang)]
    return "\n".join(lines)
