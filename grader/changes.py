"""What changed between two gradings of one exercise: the score, and which checks flipped.

``grade watch`` shows it after every re-grade, so a student sees at once what their
last edit fixed or broke.
"""
from __future__ import annotations

from .manifest import Text
from .results import FAILED, PASSED, ExerciseResult

FIRST = Text(fa="اولین اجرا برای این تمرین.", en="First run of this exercise.")
SINCE = Text(fa="نسبت به اجرای قبل: نمره {before} ← {after} ({delta})",
             en="Since the last run: score {before} → {after} ({delta})")
NOW_PASSING = Text(fa="حالا قبول", en="now passing")
NOW_FAILING = Text(fa="حالا رد", en="now failing")


def summary(before: ExerciseResult | None, after: ExerciseResult, lang: str) -> list[tuple[str, str | None]]:
    """Lines to print, each with its colour (None for plain)."""
    if before is None:
        return [(FIRST(lang), None)]
    delta = after.score - before.score
    colour = "green" if delta > 0 else "red" if delta < 0 else None
    lines = [(SINCE(lang).format(before=before.score, after=after.score,
                                 delta=f"{delta:+d}" if delta else "="), colour)]
    old = {c.id: c.status for c in before.checks}
    ex = after.exercise
    for c in after.checks:
        was = old.get(c.id)
        if c.status == PASSED and was not in (None, PASSED):
            lines.append((f"  ✔ {NOW_PASSING(lang)}: {ex.check(c.id).title(lang)}", "green"))
        elif c.status == FAILED and was == PASSED:
            lines.append((f"  ✘ {NOW_FAILING(lang)}: {ex.check(c.id).title(lang)}", "red"))
    return lines
