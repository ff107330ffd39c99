"""``grade reset``: put an exercise's original files back, keeping a backup of the student's.

The original is looked for, in order: the pristine copy shipped inside the grader
package (``grader/stubs/<slug>/``, in a student kit made by ``grade handout``), then
the file as of git HEAD when the workspace is a git checkout. The student's file
goes to ``.hamzaman/backups/<slug>-<UTC timestamp>/`` before anything is overwritten,
and the exercise's last score is forgotten: ``grade list`` and the report would
otherwise show a score the restored files never earned.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from grader.core.manifest import Exercise
from grader.core.workspace import Workspace
from grader.student import progress

STUBS = Path(__file__).resolve().parents[1] / "stubs"
BACKUPS = "backups"
GIT_TIMEOUT = 20.0


class NoOriginal(LookupError):
    """Neither a shipped stub nor a git checkout holds the original of a file."""


class CannotReset(click.ClickException):
    exit_code = 2  # bad input, as the README's exit codes say


def original(ws: Workspace, ex: Exercise, name: str) -> bytes:
    shipped = STUBS / ex.slug / name
    if shipped.is_file():
        return shipped.read_bytes()
    relative = (ws.exercise_dir(ex) / name).relative_to(ws.root).as_posix()
    try:
        git = subprocess.run(["git", "-C", str(ws.root), "show", f"HEAD:./{relative}"],
                             check=False, capture_output=True, timeout=GIT_TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):  # no git installed, or it hangs
        raise NoOriginal(name) from None
    if git.returncode != 0:  # not a checkout, or the file is not committed
        raise NoOriginal(name)
    return git.stdout


def changed_files(ws: Workspace, ex: Exercise) -> dict[str, bytes]:
    """The exercise's files (student and given) that differ from their original, with the original."""
    changed = {}
    for name in ex.files + ex.given:
        pristine = original(ws, ex, name)
        path = ws.exercise_dir(ex) / name
        if not path.is_file() or path.read_bytes() != pristine:
            changed[name] = pristine
    return changed


def backup(ws: Workspace, ex: Exercise, names: list[str]) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")  # no ':' (Windows)
    folder = ws.state_dir / BACKUPS / f"{ex.slug}-{stamp}"
    folder.mkdir(parents=True)
    for name in names:
        source = ws.exercise_dir(ex) / name
        if source.is_file():
            shutil.copy2(source, folder / name)
    return folder


def reset(ws: Workspace, ex: Exercise, yes: bool) -> None:
    try:
        changed = changed_files(ws, ex)
    except NoOriginal as e:
        raise CannotReset(
            f"Cannot find the original of {e.args[0]} for {ex.id}: this kit ships no copy of it "
            f"(grader/stubs/{ex.slug}/) and {ws.root} is not a git checkout that holds it. "
            "Nothing was changed.") from None
    if not changed:
        click.echo(f"{ex.id}: your files are already the original ones; nothing to do.")
        return
    shown = ", ".join(f"exercises/{ex.slug}/{name}" for name in changed)
    if not yes and not click.confirm(f"Replace {shown} with the original (your version is kept in a backup)?"):
        click.echo("Nothing was changed.")
        sys.exit(1)
    folder = backup(ws, ex, list(changed))
    for name, content in changed.items():
        (ws.exercise_dir(ex) / name).write_bytes(content)
    progress.forget(ws, ex)
    click.echo(f"{ex.id}: restored {shown}; its last score is forgotten, since it graded other code.\n"
               f"Your previous version is in {folder}")
