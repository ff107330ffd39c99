"""What changed between two gradings of one exercise, and what to do next.

``grade ex01`` and ``grade watch`` end with it, so a student sees at once what
their last edit fixed or broke, and where to go from here.
"""
from __future__ import annotations

import click

from grader.core.manifest import Exercise, Text
from grader.core.results import FAILED, PASSED, ExerciseResult

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


def show(before: ExerciseResult | None, after: ExerciseResult, lang: str) -> None:
    for line, colour in summary(before, after, lang):
        click.secho(line, fg=colour, bold=colour is not None)


FIX_PROBLEM = Text(fa="قدم بعدی: مشکل بالا را رفع کنید؛ تا آن رفع نشود هیچ آزمونی نمره نمی‌گیرد.",
                   en="Next: fix the problem above; no check can earn points until it is fixed.")
FIX_CHECK = Text(fa="قدم بعدی در {ex}: «{title}» ({id}). گیر کرده‌اید؟ grade hint {ex} {id}",
                 en="Next in {ex}: “{title}” ({id}). Stuck? grade hint {ex} {id}")
GO_ON = Text(fa="قدم بعدی: تمرین {id}، «{title}»: صورتش در {task}؛ سپس grade {id} (یا grade watch)",
             en="Next: {id}, “{title}”: read {task}, then grade {id} (or grade watch)")
FINISHED = Text(fa="همهٔ تمرین‌ها ۱۰۰ گرفته‌اند. آفرین!", en="Every exercise scores 100. Well done!")


def next_step(result: ExerciseResult, upcoming: Exercise | None, lang: str) -> str | None:
    """What to do after this grading: the problem, the first failed check and its hint, or the next exercise."""
    ex = result.exercise
    if result.problem:
        return FIX_PROBLEM(lang)
    failed = next((c for c in result.checks if c.status == FAILED), None)
    if failed:
        return FIX_CHECK(lang).format(title=ex.check(failed.id).title(lang), id=failed.id, ex=ex.id)
    if result.score < 100:  # nothing failed, nothing counted: every check was skipped here
        return None
    if upcoming is None:
        return FINISHED(lang)
    return GO_ON(lang).format(id=upcoming.id, title=upcoming.title(lang),
                              task=f"exercises/{upcoming.slug}/README.md")
