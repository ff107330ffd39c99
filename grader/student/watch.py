"""``grade watch``: re-grade an exercise every time its file is saved.

The file watcher is watchfiles (native change notifications on Linux, macOS and
Windows, no polling loop of ours). Each run clears the screen, prints the checks
as they finish and then what changed since the run before. Without a named
exercise, it starts at the next unfinished one and moves on each time one
reaches 100. Ctrl+C reaches us as KeyboardInterrupt (``raise_interrupt``), so
watchfiles prints no line of its own.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import watchfiles

from grader.core.manifest import Exercise, Text
from grader.core.results import ExerciseResult
from grader.core.workspace import Submission, Workspace
from grader.student import changes, live, progress

WAITING = Text(fa="منتظر ذخیرهٔ {files} هستم؛ برای توقف Ctrl+C.",
               en="Watching {files}: save to re-grade, Ctrl+C to stop.")
GRADING = Text(fa="در حال نمره دادن به {id} …", en="Grading {id} …")
NEXT = Text(fa="آفرین! {done} تمام شد؛ تمرین بعدی: {id}", en="Well done! {done} is complete; next: {id}")
ALL_DONE = Text(fa="همهٔ تمرین‌ها ۱۰۰ گرفته‌اند.", en="Every exercise scores 100.")
STOPPED = Text(fa="پایان تماشا.", en="Stopped watching.")


def watch(ws: Workspace, ex: Exercise | None, lang: str, runs: int | None = None) -> None:
    """Watch ``ex`` (or follow the course from the next unfinished exercise); stop after ``runs`` gradings."""
    follow, graded, note = ex is None, 0, ""
    try:
        while True:
            current = ex or progress.next_exercise(ws)
            if current is None:
                click.secho(ALL_DONE(lang), fg="green", bold=True)
                return
            for result in _gradings(ws, current, lang, note):
                graded += 1
                if runs is not None and graded >= runs:
                    return
                if follow and result.score == 100:
                    break
            upcoming = progress.next_exercise(ws)
            note = NEXT(lang).format(done=current.id, id=upcoming.id) if upcoming else ""
    except KeyboardInterrupt:
        click.echo(STOPPED(lang))


def _gradings(ws: Workspace, ex: Exercise, lang: str, note: str) -> Iterator[ExerciseResult]:
    """Grade now (showing ``note`` above the first run), then again after every change to the exercise's files."""
    folder = ws.exercise_dir(ex)
    if not folder.is_dir():
        raise click.UsageError(f"{folder} does not exist: this workspace has no {ex.slug} folder.")
    names = set(ex.files + ex.given)
    stored = progress.last(ws, ex)
    previous = _grade_once(ws, ex, lang, stored.result if stored else None, note)
    yield previous
    for _ in watchfiles.watch(folder, watch_filter=lambda _change, path: Path(path).name in names,
                              raise_interrupt=True):
        previous = _grade_once(ws, ex, lang, previous, "")
        yield previous


def _grade_once(ws: Workspace, ex: Exercise, lang: str, previous: ExerciseResult | None,
                note: str) -> ExerciseResult:
    folder = ws.exercise_dir(ex)
    click.clear()
    if note:
        click.secho(note, fg="green", bold=True)
    click.secho(GRADING(lang).format(id=ex.id), dim=True)
    result = live.grade(Submission.student(ws, ex), live.view(ws, ex, lang, ws.relative(folder)))
    progress.record(ws, [result])
    click.echo()
    changes.show(previous, result, lang)
    if result.score < 100 and (step := changes.next_step(result, None, lang)):
        click.echo(step)
    files = ", ".join(f"exercises/{ex.slug}/{name}" for name in ex.files)
    click.secho(f"\n{WAITING(lang).format(files=files)}", dim=True)
    return result
