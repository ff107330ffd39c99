"""Show a grading while it runs: each check the moment it ends, and on a terminal a spinner naming the one running.

Grading ex04 takes 6-18 s and ex09 up to 30 s: silence that long looks like a
hang. The runner calls back when a check starts and when its verdict is known
(``on_check``), so every finished check is printed at once, with its time. On a
terminal one extra line, rewritten in place, names the running check and counts
its seconds; a file or a pipe gets the finished lines only, never a carriage return.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
import time

from grader.core.manifest import Exercise
from grader.core.results import CheckResult, ExerciseResult
from grader.core.workspace import Submission, Workspace
from grader.engine import runner
from grader.student import hints
from grader.views import fields, render

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏" if sys.platform != "win32" else "|/-\\"
TICK = 0.1


def spinning(stream=None) -> bool:
    """A spinner only where a person watches a terminal that can rewrite a line."""
    stream = stream or sys.stdout
    return stream.isatty() and os.environ.get("TERM") != "dumb"


class Spinner:
    """One line, redrawn every tick: the running check and its seconds. Printing goes through :meth:`around`."""

    def __init__(self, stream):
        self._stream = stream
        self._lock = threading.Lock()
        self._label: str | None = None
        self._since = 0.0
        self._drawn = 0
        self._frame = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._spin, name="hamzaman-spinner", daemon=True)

    def __enter__(self) -> Spinner:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        with self._lock:
            self._erase()

    def running(self, label: str) -> None:
        with self._lock:
            self._label, self._since = label, time.monotonic()
            self._draw()

    def around(self, show) -> None:
        """Call ``show`` (which prints) with the spinner line out of the way; it comes back at the next tick."""
        with self._lock:
            self._erase()
            self._label = None
            show()

    def _spin(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                self._frame += 1
                self._draw()

    def _draw(self) -> None:
        if self._label is None:
            return
        seconds = f"  {time.monotonic() - self._since:.1f} s"
        room = shutil.get_terminal_size().columns - 1 - len(seconds)  # a long title is cut, never the seconds
        line = f"{FRAMES[self._frame % len(FRAMES)]} {self._label}"[:max(room, 0)] + seconds
        self._stream.write("\r" + line.ljust(self._drawn))
        self._stream.flush()
        self._drawn = len(line)

    def _erase(self) -> None:
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()
            self._drawn = 0


class _Quiet:
    """A pipe or a file: no spinner, just the finished lines."""

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def running(self, label: str) -> None:
        pass

    def around(self, show) -> None:
        show()


def view(ws: Workspace, ex: Exercise, lang: str, folder: str) -> render.View:
    read = hints.seen(ws, ex)
    return render.View(lang, folder, {check_id: (read.get(check_id, 0), len(ladder))
                               for check_id, ladder in hints.ladders(ex).items()})


def grade(sub: Submission, view: render.View, seed: int | None = None) -> ExerciseResult:
    """Grade ``sub`` and print it as it goes: the heading, each check as it ends, then the rest and the score."""
    ex = sub.exercise
    render.heading(ex, view.lang)
    shown: dict[str, str] = {}
    position = {c.id: n for n, c in enumerate(ex.checks, 1)}

    with Spinner(sys.stdout) if spinning() else _Quiet() as status:
        def on_check(check_id: str, outcome: CheckResult | None) -> None:
            if outcome is None:
                title = ex.check(check_id).title(view.lang)
                status.running(f"[{position[check_id]}/{len(ex.checks)}] {title}  ({check_id})")
                return
            status.around(lambda: render.check(ex, outcome, view))
            shown[check_id] = outcome.status

        result = runner.grade(sub, on_check=on_check, seed=seed)
    if result.problem:
        render.problem(result, view)
    for c in result.checks:  # those the runner judged itself (a load error, say), or judged again
        if shown.get(c.id) != c.status:
            render.check(ex, c, view, explained=fields.explained_by_problem(result, c))
    render.score(result, view.lang)
    return result
