"""What every command shares: options, finding the workspace and the exercise, exit codes, clear errors."""
from __future__ import annotations

import difflib
import functools
import os
import sys
from pathlib import Path

import click

from grader.core import manifest
from grader.core.manifest import UnknownExercise
from grader.core.workspace import NoWorkspace, Workspace

FULL_MARKS, NOT_FULL_MARKS, ERROR = 0, 1, 2


def workspace_option(f):
    return click.option("--path", "path", type=click.Path(path_type=Path),
                        help="The workspace to grade (default: the one around the current folder).")(f)


lang_option = click.option("--lang", type=click.Choice(["en", "fa"]),
                           default=lambda: os.environ.get("HAMZAMAN_LANG", "en"),
                           show_default="en or $HAMZAMAN_LANG", help="Language of the verdicts.")


def _has_instructor_checks() -> bool:
    return any(c.hidden for ex in manifest.exercises() for c in ex.checks)


def grading_options(f):
    @lang_option
    @click.option("--solutions", is_flag=True, help="Grade the reference solutions instead of your files.")
    @click.option("--seed", type=click.IntRange(min=0), hidden=not _has_instructor_checks(),
                  help="Draw the instructor-only checks' inputs from this seed (gradebook.json of `grade export` gives each student's).")
    @click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
    @workspace_option
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)

    return wrapper


def workspace(path: Path | None) -> Workspace:
    try:
        return Workspace.locate(path)
    except NoWorkspace as e:
        raise click.UsageError(
            f"No workspace at {e.args[0]}: it has no exercises/ folder. "
            "Run grade from inside the kit, or name it with --path."
        ) from None


def exercise(name: str, commands: tuple[str, ...] = (), ctx: click.Context | None = None) -> manifest.Exercise:
    """The exercise ``name`` means, or a usage error that suggests the closest exercise (or command)."""
    try:
        return manifest.find(name)
    except UnknownExercise:
        known = ", ".join(ex.id for ex in manifest.exercises())
        names = {ex.id: ex.id for ex in manifest.exercises()} | {ex.slug: ex.slug for ex in manifest.exercises()}
        names |= {c: f"grade {c}" for c in commands}
        close = difflib.get_close_matches(name.strip().lower(), names, n=1, cutoff=0.6)
        suggestion = f" Did you mean '{names[close[0]]}'?" if close else ""
        raise click.UsageError(f"Unknown exercise {name!r}.{suggestion} Known: {known} "
                               "(or their numbers, or their folder names).", ctx) from None


def complete_exercise(ctx, param, incomplete: str) -> list[str]:
    return [ex.id for ex in manifest.exercises() if ex.id.startswith(incomplete) or ex.slug.startswith(incomplete)]


def complete_check(ctx, param, incomplete: str) -> list[str]:
    try:
        ex = manifest.find(ctx.params.get("name") or "")
    except UnknownExercise:
        return []
    return [c.id for c in ex.checks if c.id.startswith(incomplete)]


def usage_error(message: str):
    click.echo(message, err=True)
    sys.exit(ERROR)


def require_known(names: tuple[str, ...], known: list[str], what: str) -> None:
    """A usage error for the first of ``names`` not among ``known``, with the closest ones suggested."""
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=3)
            usage_error(f"No {what} {name!r}" + (f"; did you mean {' or '.join(close)}?" if close else "."))
