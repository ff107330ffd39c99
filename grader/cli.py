"""The ``grade`` command.

``grade ex04`` (or ``grade 4``, ``grade ex04_aiohttp_scraper``) grades one exercise;
``grade all``, ``grade list`` and ``grade verify`` are sub-commands.

Exit codes: 0 every graded exercise scored 100; 1 some did not (or, for
``verify``, something was not as expected); 2 a usage error, bad input or an
internal error of the grader.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from pathlib import Path

import click

from . import manifest, progress, render
from .manifest import UnknownExercise
from .runner import grade
from .verify import verify_exercise
from .workspace import NoWorkspace, Submission, Workspace

FULL_MARKS, NOT_FULL_MARKS, ERROR = 0, 1, 2


def workspace_option(f):
    return click.option("--path", "path", type=click.Path(path_type=Path),
                        help="The workspace to grade (default: the one around the current folder).")(f)


def grading_options(f):
    @click.option("--lang", type=click.Choice(["en", "fa"]),
                  default=lambda: os.environ.get("HAMZAMAN_LANG", "en"), show_default="en or $HAMZAMAN_LANG",
                  help="Language of the verdicts.")
    @click.option("--solutions", is_flag=True, help="Grade the reference solutions instead of your files.")
    @click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
    @workspace_option
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def _workspace(path: Path | None) -> Workspace:
    try:
        return Workspace.locate(path)
    except NoWorkspace as e:
        raise click.UsageError(
            f"No workspace at {e.args[0]}: it has no exercises/ folder. "
            "Run grade from inside the kit, or name it with --path."
        ) from None


def _exercise(name: str) -> manifest.Exercise:
    try:
        return manifest.find(name)
    except UnknownExercise:
        known = ", ".join(ex.id for ex in manifest.exercises())
        raise click.UsageError(f"Unknown exercise {name!r}. Known: {known} (or their numbers, or their folder names).") from None


def _grade_and_report(exercises, lang, solutions, as_json, path) -> None:
    ws = _workspace(path)
    if solutions and not (ws.root / "solutions").is_dir():
        raise click.UsageError(f"{ws.root} has no solutions/ folder (a student kit ships without them).")
    results = []
    for ex in exercises:
        sub = Submission.reference(ws, ex) if solutions else Submission.student(ws, ex)
        result = grade(sub)
        results.append(result)
        if not as_json:
            render.exercise(result, lang)
    if not solutions:
        progress.record(ws, results)
    if as_json:
        payload = [r.to_json(lang) for r in results]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif len(results) > 1:
        total = sum(r.score for r in results)
        click.secho(f"\nTotal: {total}/{100 * len(results)}", bold=True)
    sys.exit(FULL_MARKS if all(r.score == 100 for r in results) else NOT_FULL_MARKS)


class ExerciseGroup(click.Group):
    """Treat ``grade ex04 …`` as ``grade check ex04 …``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=ExerciseGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """Grade the exercises of the hamzaman kit: `grade ex01`, `grade all`, `grade list`."""


@cli.command("check", hidden=True)
@click.argument("name")
@grading_options
def check_command(name, lang, solutions, as_json, path):
    """Grade one exercise."""
    _grade_and_report([_exercise(name)], lang, solutions, as_json, path)


@cli.command("all")
@grading_options
def all_command(lang, solutions, as_json, path):
    """Grade every exercise."""
    _grade_and_report(manifest.exercises(), lang, solutions, as_json, path)


@cli.command("list")
@click.option("--lang", type=click.Choice(["en", "fa"]), default=lambda: os.environ.get("HAMZAMAN_LANG", "en"))
@workspace_option
def list_command(lang, path):
    """List the exercises, their lessons and your last score."""
    ws = _workspace(path)
    scores = progress.load(ws)
    for ex in manifest.exercises():
        last = scores.get(ex.id, {}).get("score")
        shown = "  -" if last is None else f"{last:3d}"
        lessons = ", ".join(map(str, ex.lessons))
        click.echo(f"{ex.id}  {shown}/100  {ex.title(lang)}  (lessons {lessons})  {ex.slug}")


@cli.command("verify")
@click.argument("names", nargs=-1)
@workspace_option
def verify_command(names, path):
    """For CI: every solution scores 100, every stub 0, every mutant is caught."""
    ws = _workspace(path)
    exercises = [_exercise(n) for n in names] or manifest.exercises()
    surprises = 0
    click.echo(f"{'exercise':8}  {'subject':36}  {'expected':24}  {'score':>5}  verdict")
    for ex in exercises:
        for o in verify_exercise(ws, ex):
            verdict = click.style("ok", fg="green") if o.ok else click.style("SURPRISE", fg="red", bold=True)
            detail = "" if o.ok else f"  ({o.detail})"
            click.echo(f"{o.exercise:8}  {o.subject:36}  {o.expected:24}  {o.score:5d}  {verdict}{detail}")
            surprises += not o.ok
    click.echo(f"\n{surprises} surprise(s)")
    sys.exit(NOT_FULL_MARKS if surprises else FULL_MARKS)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="grade", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(ERROR)
    except Exception:  # noqa: BLE001 - never a raw traceback for the user
        log = Path.home() / ".hamzaman-crash.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        click.echo(f"Internal error of the grader (not your code). Details were saved to {log}; "
                   "please send that file to your instructor.", err=True)
        sys.exit(ERROR)
