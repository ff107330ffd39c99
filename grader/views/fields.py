"""One rule for what a result shows, shared by every export, the terminal and the report.

A failed check reads as: the problem of the whole grading (if any), what was observed, the usual
mistake behind it (the manifest's `why`) and the lesson to re-read.
"""
from __future__ import annotations

import re

from grader.core.results import SKIPPED, CheckResult, ExerciseResult
from grader.views.render import LESSON, WHY

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def duration(result: ExerciseResult) -> float:
    """The exercise's run time; a gradebook keeps only the checks' own, so add those up then."""
    return result.duration or sum(c.duration for c in result.checks)


def message(check: CheckResult, lang: str) -> str:
    return check.message(lang) if check.message else ""


def scaled_points(result: ExerciseResult) -> dict[str, int]:
    """Each check's points scaled like the score (skipped checks do not count), as integers
    that add up to exactly ``result.score`` (largest remainder), for formats that sum tests."""
    possible = sum(c.max_points for c in result.checks if c.status != SKIPPED)
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


def explanation(result: ExerciseResult, check: CheckResult, lang: str) -> str:
    """What a failed check says, the usual mistake behind it, and the lesson to re-read."""
    spec = result.exercise.check(check.id)
    lines = [message(check, lang)] if check.message else []
    if result.problem:
        lines.insert(0, result.problem(lang))
    lines += [f"{WHY(lang)}: {spec.why(lang)}", f"{LESSON(lang)} {spec.lesson}"]
    return "\n".join(lines)
