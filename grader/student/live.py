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
from concurrent.futures import ThreadPoolExecutor, as_completed

from grader.core import seeds
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
    _rest(result, view, shown)
    return result


def _rest(result: ExerciseResult, view: render.View, shown: dict[str, str]) -> None:
    """The problem, the checks not ``shown`` yet (a load error's, say, or judged again), and the score."""
    if result.problem:
        render.problem(result, view)
    for c in result.checks:
        if shown.get(c.id) != c.status:
            render.check(result.exercise, c, view, explained=fields.explained_by_problem(result, c))
    render.score(result, view.lang)


def grade_several(subs: list[Submission], views: list[render.View] | None, seed: int | None,
                  jobs: int) -> list[ExerciseResult]:
    """Grade several exercises the way ``grade batch`` grades a class: every check that bears a busy
    machine, ``jobs`` exercises at a time, then each speedup check alone (it needs the CPUs).

    With ``views`` each exercise is printed whole, in course order, as soon as it and those before it
    are graded; on a terminal a line below names what is running.
    """
    drawn = [seeds.drawn() if seed is None else seed for _ in subs]  # both phases of one exercise draw alike
    alone = [[c.id for c in sub.exercise.checks if c.alone] for sub in subs]
    first: list[ExerciseResult | None] = [None] * len(subs)
    results: list[ExerciseResult | None] = [None] * len(subs)
    running: dict[str, str] = {}
    printed = 0
    cancel = threading.Event()
    lock = threading.Lock()

    with (Spinner(sys.stdout) if views and spinning() else _Quiet()) as status:
        def watch(ex: Exercise):
            position = {c.id: n for n, c in enumerate(ex.checks, 1)}

            def on_check(check_id: str, outcome: CheckResult | None) -> None:
                with lock:
                    if outcome is None:
                        running[ex.id] = f"{ex.id} [{position[check_id]}/{len(ex.checks)}] {check_id}"
                    else:
                        running.pop(ex.id, None)
                    label = "  ·  ".join(running.values())
                if label:
                    status.running(label)
            return on_check

        def print_ready() -> None:
            nonlocal printed
            while printed < len(subs) and results[printed] is not None:
                result, view = results[printed], views[printed]
                status.around(lambda: (render.heading(result.exercise, view.lang), _rest(result, view, {})))
                printed += 1

        def phase(i: int, checks: list[str]) -> ExerciseResult:
            return runner.grade(subs[i], checks, seed=drawn[i], cancel=cancel, on_check=watch(subs[i].exercise))

        def finish(i: int, result: ExerciseResult) -> None:
            results[i] = result
            if views:
                print_ready()

        pool = ThreadPoolExecutor(max(1, jobs))
        try:
            longest_first = sorted(range(len(subs)), key=lambda i: -subs[i].exercise.time_limit)
            futures = {pool.submit(phase, i, [c.id for c in subs[i].exercise.checks if c.id not in alone[i]]): i
                       for i in longest_first}
            for future in as_completed(futures):
                i = futures[future]
                first[i] = future.result()
                if not alone[i]:
                    finish(i, first[i])
            for i, checks in enumerate(alone):  # alone on the machine, as in batch: a speedup must not depend on -j
                if checks:
                    finish(i, first[i].joined(phase(i, checks)))
        except BaseException:
            cancel.set()  # Ctrl-C: every running grading stops within a poll
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return results
