"""Print a grading result for a person to read, in Persian or English.

The pieces (heading, one check, the problem, the score) are separate because
``grade`` prints each check the moment it finishes (see ``live``), not the
whole result at the end. The exports reuse the labels defined here.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import click

from grader.core import hint_ladders as hints
from grader.core import messages
from grader.core.manifest import Check, Exercise, Text
from grader.core.results import FAILED, PASSED, SKIPPED, CheckResult, ExerciseResult
from grader.views.prose import in_lang

MARKS = {PASSED: ("✔", "green"), FAILED: ("✘", "red"), SKIPPED: ("–", "yellow")}
WORDS = {
    PASSED: Text(fa="قبول", en="passed"),
    FAILED: Text(fa="رد", en="failed"),
    SKIPPED: Text(fa="کنار گذاشته شد", en="skipped"),
}
NOT_COUNTED = Text(fa="{points} امتیازش در نمره حساب نمی‌شود", en="its {points} points are not counted")
WHY = Text(fa="چرا", en="Why")
CORRECTED = Text(fa="؛ آن بخش درس اصلاح شده است: بخش «{section}» در {readme} را بخوانید",
                 en="; that passage of the lesson is corrected: read «{section}» in {readme}")
REREAD = Text(fa="دوباره بخوانید", en="Re-read")
HINT = Text(fa="راهنمایی", en="Hint")
OUTPUT = Text(fa="خروجی کد شما", en="Your code printed")
PASS_NOTE = Text(fa="نکته (بی‌اثر بر نمره): {note}", en="Note (costs no points): {note}")
SCORE = Text(fa="نمره", en="Score")
PROBLEM = Text(fa="مشکل", en="Problem")


def pass_note(check: CheckResult, lang: str) -> str:
    """What a passed check advises about the code (``grader.checks.note``); "" when nothing."""
    if check.status != PASSED or check.message is None:
        return ""
    return PASS_NOTE(lang).format(note=check.message(lang))


@dataclass(frozen=True)
class View:
    """What printing a result needs besides the result itself."""

    lang: str
    folder: str = ""  # the exercise's folder from the workspace root: locations in it become editor links
    hints: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # check id -> (hints read, hints written)


def lesson_line(ex: Exercise, spec: Check, lang: str) -> str:
    """``Re-read: lesson 5 (Generators)`` (the number alone says little once the course is over); where
    the errata correct that lesson's passage, the task README's section that does it, so the student
    is not sent back to the mistake."""
    line = f"{REREAD(lang)}: {messages.lessons((spec.lesson,))(lang)} ({messages.LESSONS[spec.lesson](lang)})"
    if spec.corrected_in:
        line += CORRECTED(lang).format(section=spec.corrected_in, readme=f"exercises/{ex.slug}/README.md")
    return line


def clickable(text: str, ex: Exercise, folder: str) -> str:
    """``fib.py:3`` becomes ``exercises/ex01_generators/fib.py:3``, a location editors and terminals open."""
    if not folder:
        return text
    names = "|".join(re.escape(name) for name in ex.files + ex.given)
    return re.sub(rf"(?<![\w/\\.-])({names}):(\d+)", rf"{folder}/\1:\2", text)


def seconds(duration: float) -> str:
    return f"{duration:.2f} s" if duration < 10 else f"{duration:.0f} s"


def verdict(c: CheckResult, lang: str) -> str:
    """``passed 15/15``; a skipped check says its points do not count, never a bare 0."""
    if c.status == SKIPPED:
        return in_lang(f"{WORDS[SKIPPED](lang)}: {NOT_COUNTED(lang).format(points=c.max_points)}", lang)
    return f"{WORDS[c.status](lang)} {c.points}/{c.max_points}"


def heading(ex: Exercise, lang: str) -> None:
    click.secho(f"\n{ex.id}  {ex.title(lang)}", bold=True)


def problem(result: ExerciseResult, v: View) -> None:
    click.secho(f"  {PROBLEM(v.lang)}:", fg="red", bold=True)
    click.echo(_indent(clickable(result.problem(v.lang), result.exercise, v.folder), "    "))


def check(ex: Exercise, c: CheckResult, v: View, *, explained: bool = False) -> None:
    """One check: its verdict line and, unless it passed or the problem above explains it
    (``grader.views.fields.explained_by_problem``), what was seen, why it matters, what to read."""
    spec = ex.check(c.id)
    mark, colour = MARKS[c.status]
    took = click.style(f"  {seconds(c.duration)}", dim=True) if c.duration else ""
    click.echo("  " + click.style(mark, fg=colour) + f" {spec.title(v.lang)}  "
               + click.style(f"[{verdict(c, v.lang)}]", fg=colour) + f"  ({c.id}){took}")
    if (note := pass_note(c, v.lang)) and not explained:
        click.echo(_indent(click.style(in_lang(clickable(note, ex, v.folder), v.lang), dim=True)))
    if c.status == PASSED or explained:
        return
    if c.message:
        click.echo(_indent(in_lang(clickable(c.message(v.lang), ex, v.folder), v.lang)))
    if c.status == FAILED:
        click.echo(_indent(in_lang(f"{WHY(v.lang)}: {spec.why(v.lang)}", v.lang)))
        click.echo(_indent(in_lang(lesson_line(ex, spec, v.lang), v.lang)))
        read, total = v.hints.get(c.id, (0, 0))
        if total:
            count = f"  ({in_lang(hints.READ(v.lang).format(n=read, total=total), v.lang)})" if read else ""
            click.echo(_indent(f"{HINT(v.lang)}: {hints.command(ex, c.id)}{count}"))
    if c.output:
        click.echo(_indent(f"{OUTPUT(v.lang)}:"))
        click.echo(_indent(c.output, "        "))


def score(result: ExerciseResult, lang: str) -> None:
    ex = result.exercise
    colour = "green" if result.score == 100 else "yellow" if result.score else "red"
    click.secho(f"  {SCORE(lang)}: {result.score}/100", fg=colour, bold=True)
    if ex.hidden_checks:
        click.echo(f"  {in_lang(hidden_note(ex.hidden_checks, ex.hidden_points)(lang), lang)}")
    if result.drawn_from is not None:
        click.echo(f"  {in_lang(seed_note(ex, result.drawn_from)(lang), lang)}")


def hidden_note(checks: int, points: int) -> Text:
    """A student kit grades the public checks only; say what else runs at grading time."""
    return Text(
        fa=f"{checks} آزمون دیگر ({points} امتیاز) هنگام نمره‌دهی اجرا می‌شود؛ نمرهٔ بالا از آزمون‌های همین کیت است.",
        en=f"{checks} more check(s) ({points} points) run at grading time; the score above is out of this kit's checks.",
    )


def seed_note(ex, seed: int) -> Text:
    """Where instructor-only checks ran: how to draw their inputs again (an appeal, a check being fixed)."""
    return Text(
        fa=f"ورودی‌های آزمون‌های ویژهٔ استاد با بذر {seed} قرعه‌کشی شد؛ grade {ex.id} --seed {seed} همان‌ها را دوباره می‌کشد.",
        en=f"The instructor-only checks drew their inputs from seed {seed}; grade {ex.id} --seed {seed} draws the same again.",
    )


def _indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
