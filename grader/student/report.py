"""``grade report``: one self-contained HTML page of the student's last results.

Built from what ``.hamzaman/`` stored at the last grading of each exercise, so nothing is graded
again; the page itself is grader.views.page, which also makes the instructor's feedback pages.
"""
from __future__ import annotations

from pathlib import Path

from grader.core import manifest
from grader.core.workspace import Workspace
from grader.student import hints, progress
from grader.views import page

FILE = "report.html"


def build(ws: Workspace, lang: str) -> str:
    shown = {}
    for ex in manifest.exercises():
        stored = progress.last(ws, ex)
        shown[ex.id] = stored and page.Shown(stored.result, stored.at, ws.relative(ws.exercise_dir(ex)),
                                             hints.seen(ws, ex))
    return page.render(shown, lang)


def write(ws: Workspace, lang: str, output: Path | None = None) -> Path:
    """Write the report (by default ``.hamzaman/report.html``) and return where it went."""
    path = output or ws.state_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build(ws, lang), encoding="utf-8")
    return path
