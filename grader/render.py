"""Print a grading result for a person to read, in Persian or English."""
from __future__ import annotations

import click

from .manifest import Text
from .results import FAILED, PASSED, SKIPPED, ExerciseResult

MARKS = {PASSED: ("✔", "green"), FAILED: ("✘", "red"), SKIPPED: ("–", "yellow")}
WORDS = {
    PASSED: Text(fa="قبول", en="passed"),
    FAILED: Text(fa="رد", en="failed"),
    SKIPPED: Text(fa="اجرا نشد (اینجا اندازه‌گیری‌شدنی نیست)", en="skipped"),
}
WHY = Text(fa="چرا", en="Why")
LESSON = Text(fa="دوباره بخوانید: جلسهٔ", en="Re-read: lesson")
OUTPUT = Text(fa="خروجی کد شما", en="Your code printed")
SCORE = Text(fa="نمره", en="Score")
PROBLEM = Text(fa="مشکل", en="Problem")


def _indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def exercise(result: ExerciseResult, lang: str) -> None:
    ex = result.exercise
    click.secho(f"\n{ex.id}  {ex.title(lang)}", bold=True)
    if result.problem:
        click.secho(f"  {PROBLEM(lang)}:", fg="red", bold=True)
        click.echo(_indent(result.problem(lang), "    "))
    for c in result.checks:
        check = ex.check(c.id)
        mark, colour = MARKS[c.status]
        points = f"{c.points}/{c.max_points}"
        click.echo("  " + click.style(mark, fg=colour) + f" {check.title(lang)}  "
                   + click.style(f"[{WORDS[c.status](lang)} {points}]", fg=colour) + f"  ({c.id})")
        if c.status == PASSED or (result.problem and c.status == FAILED):
            continue
        if c.message:
            click.echo(_indent(c.message(lang)))
        if c.status == FAILED:
            click.echo(_indent(f"{WHY(lang)}: {check.why(lang)}"))
            click.echo(_indent(f"{LESSON(lang)} {check.lesson}"))
        if c.output:
            click.echo(_indent(f"{OUTPUT(lang)}:"))
            click.echo(_indent(c.output, "        "))
    colour = "green" if result.score == 100 else "yellow" if result.score else "red"
    click.secho(f"  {SCORE(lang)}: {result.score}/100", fg=colour, bold=True)
    if ex.hidden_checks:
        click.echo(f"  {hidden_note(ex.hidden_checks, ex.hidden_points)(lang)}")


def hidden_note(checks: int, points: int) -> Text:
    """A student kit grades the public checks only; say what else runs at grading time."""
    return Text(
        fa=f"{checks} آزمون دیگر ({points} امتیاز) هنگام نمره‌دهی اجرا می‌شود؛ نمرهٔ بالا از آزمون‌های همین کیت است.",
        en=f"{checks} more check(s) ({points} points) run at grading time; the score above is out of this kit's checks.",
    )
