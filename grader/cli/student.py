"""The student's commands: grade an exercise or all, list, hint, watch, reset, report, and Classroom's CI job."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from grader.cli.common import (
    FULL_MARKS,
    NOT_FULL_MARKS,
    complete_check,
    complete_exercise,
    exercise,
    grading_options,
    lang_option,
    workspace,
    workspace_option,
)
from grader.core import manifest, messages
from grader.core.cpus import usable_cpus
from grader.core.workspace import Submission, Workspace
from grader.engine.runner import grade
from grader.student import changes, classroom, hints, live, progress, report, reset, watch


def grade_and_report(exercises, lang, solutions, as_json, path, seed=None) -> None:
    ws = workspace(path)
    if solutions and not (ws.root / "solutions").is_dir():
        raise click.UsageError(f"{ws.root} has no solutions/ folder (a student kit ships without them).")
    previous = {ex.id: progress.last(ws, ex) for ex in exercises}
    subs = [Submission.reference(ws, ex) if solutions else Submission.student(ws, ex) for ex in exercises]
    views = None if as_json else [live.view(ws, sub.exercise, lang, ws.relative(sub.dirs[0])) for sub in subs]
    if len(subs) > 1:  # side by side, as batch grades a class; the speedup checks alone at the end
        results = live.grade_several(subs, views, seed, usable_cpus())
    else:
        results = [grade(subs[0], seed=seed) if as_json else live.grade(subs[0], views[0], seed)]
    if not solutions:
        progress.record(ws, results)
    if as_json:
        payload = [r.to_json(lang) for r in results]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif len(results) > 1:
        total = sum(r.score for r in results)
        click.secho(f"\nTotal: {total}/{100 * len(results)}", bold=True)
    if not (solutions or as_json):
        _what_next(ws, results, previous, lang)
    sys.exit(FULL_MARKS if all(r.score == 100 for r in results) else NOT_FULL_MARKS)


def _what_next(ws: Workspace, results: list, previous: dict[str, progress.Stored | None], lang: str) -> None:
    """A grading ends like a watched one: what changed since the last run (for one exercise), and the next step."""
    if len(results) == 1:
        stored = previous[results[0].exercise.id]
        click.echo()
        changes.show(stored.result if stored else None, results[0], lang)
    unfinished = next((r for r in results if r.score < 100), results[-1])
    step = changes.next_step(unfinished, progress.next_exercise(ws), lang)
    if step:
        click.secho(step, bold=True)


@click.command("all")
@grading_options
def all_command(lang, solutions, seed, as_json, path):
    """Grade every exercise."""
    grade_and_report(manifest.exercises(), lang, solutions, as_json, path, seed)


@click.command("list")
@lang_option
@workspace_option
def list_command(lang, path):
    """List the exercises, their lessons and your last score."""
    ws = workspace(path)
    scores = progress.load(ws)
    upcoming = progress.next_exercise(ws)
    for ex in manifest.exercises():
        last = scores.get(ex.id, {}).get("score")
        shown = "  -" if last is None else f"{last:3d}"
        marker = click.style("  <- next", fg="cyan", bold=True) if ex == upcoming else ""
        click.secho(f"{ex.id}  {shown}/100  {ex.title(lang)}  ({messages.lessons(ex.lessons)(lang)})  {ex.slug}",
                    fg="green" if last == 100 else None, nl=False)
        click.echo(marker)
    click.echo(f"\nNext: grade {upcoming.id}   (or: grade watch, grade hint {upcoming.id})" if upcoming
               else "\nEvery exercise scores 100.")


@click.command("hint")
@click.argument("name", shell_complete=complete_exercise)
@click.argument("check", required=False, shell_complete=complete_check)
@lang_option
@workspace_option
def hint_command(name, check, lang, path):
    """Hints, per check: with CHECK (an id or a number) one more for it; without, those you have read, again."""
    ws, ex = workspace(path), exercise(name)
    stored = progress.last(ws, ex)
    hints.show(ws, ex, hints.find_check(ex, check) if check else None, lang, stored.result if stored else None)


@click.command("watch")
@click.argument("name", required=False, shell_complete=complete_exercise)
@lang_option
@workspace_option
@click.option("--runs", type=click.IntRange(min=1), hidden=True, help="Stop after this many gradings (tests).")
def watch_command(name, lang, path, runs):
    """Re-grade on every save (no NAME: the next unfinished exercise, then the ones after)."""
    watch.watch(workspace(path), exercise(name) if name else None, lang, runs)


@click.command("reset")
@click.argument("name", shell_complete=complete_exercise)
@click.option("--yes", is_flag=True, help="Do not ask before overwriting (a backup is kept anyway).")
@workspace_option
def reset_command(name, yes, path):
    """Put the original file of an exercise back, keeping yours in .hamzaman/backups/."""
    reset.reset(workspace(path), exercise(name), yes)


@click.command("report")
@click.option("--lang", type=click.Choice(["fa", "en"]), default="fa", show_default=True,
              help="Language of the page (Persian is right to left).")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the page (default: .hamzaman/report.html).")
@click.option("--open", "open_it", is_flag=True, help="Open it in your browser.")
@workspace_option
def report_command(lang, output, open_it, path):
    """Write an HTML page of your last results, with the explanation of every failed check."""
    written = report.write(workspace(path), lang, output)
    click.echo(f"Report written to {written}")
    if open_it:
        click.launch(str(written))


@click.command("classroom")
@click.argument("names", nargs=-1)
@lang_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the result JSON here.")
@workspace_option
def classroom_command(names, lang, out, path):
    """For a GitHub Classroom workflow: grade, and report the points (see the README)."""
    exercises = [exercise(n) for n in names] or list(manifest.exercises())
    data = classroom.report(workspace(path), exercises, lang, out)
    points = sum(t["score"] for t in data["tests"])
    click.echo(f"{data['status']}: {points}/{data['max_score']} points")
