"""A pytest plugin that turns a hidden suite's test outcomes into per-check events.

Tests are tied to manifest checks by ``@check(id)``; a check with several tests
passes only if all pass. Every check of the run must have at least one test,
or it reports as failed: a check that says nothing never earns points.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from grader.checks import MEASUREMENTS, NOTES, CheckFailed, CheckSkipped
from grader.core import messages
from grader.core.manifest import Exercise, Text
from grader.core.results import FAILED, PASSED, SKIPPED, Status
from grader.engine import contract
from grader.engine.events import END, START, printable, text_fields
from grader.engine.pyversions import newer_api

OUTPUT_CAP = 2000


def cap(text: str, limit: int = OUTPUT_CAP) -> str:
    text = printable(text)
    if len(text) <= limit:
        return text
    return text[:limit] + "\n" + messages.output_truncated(len(text) - limit)


def _student_frame(excinfo, dirs: tuple[Path, ...]):
    """The deepest traceback entry in the student's own files, or None."""
    for entry in reversed(excinfo.traceback):
        if Path(str(entry.path)).parent in dirs:
            return entry
    return None


def explain(excinfo, dirs: tuple[Path, ...]) -> Text:
    exc = excinfo.value
    if isinstance(exc, CheckFailed):
        return Text(fa=exc.fa, en=exc.en)
    entry = _student_frame(excinfo, dirs)
    where = ""
    if entry is not None:
        code = str(entry.statement).strip().splitlines()[0] if entry.statement else ""
        where = f" ({Path(str(entry.path)).name}:{entry.lineno + 1} in {entry.name}: {code})"
    too_old = newer_api(exc)
    if too_old is not None:
        return Text(fa=f"{too_old.fa}{where}", en=f"{too_old.en}{where}")
    if isinstance(exc, NotImplementedError):
        return messages.not_implemented(f"{entry.name}()" if entry is not None else "a function")
    if entry is None and isinstance(exc, (AssertionError, pytest.fail.Exception)):
        return messages.unmet(cap(str(exc), 500))  # raised by the suite, not by the student's code
    return messages.raised(cap(f"{type(exc).__name__}: {exc}", 500), where)


@dataclass
class _Progress:
    items: list = field(default_factory=list)
    status: Status = PASSED
    message: Text | None = None
    output: str = ""
    started: float = 0.0


class Reporter:
    def __init__(self, exercise: Exercise, emit, guard, only: list[str], dirs: tuple[Path, ...], seed: int):
        self.exercise = exercise
        self.seed = seed
        self.emit = emit
        self.guard = guard  # exits the process if the grader or pytest was tampered with
        self.only = only
        self.dirs = dirs
        self.progress: dict[str, _Progress] = {}

    def pytest_configure(self, config):
        config.addinivalue_line("markers", "check(id): the manifest check this test grades")

    def _check_of(self, item) -> str:
        marker = item.get_closest_marker("check")
        if marker is None:
            raise pytest.UsageError(f"{item.nodeid} has no @check(...) marker")
        check_id = marker.args[0]
        self.exercise.check(check_id)  # KeyError for a check the manifest does not know
        return check_id

    @pytest.fixture
    def drawn(self, request) -> random.Random:
        """The random inputs of an instructor-only check: drawn from the grading's seed and the test's
        name alone, so a re-grade of one check draws what the whole grading drew."""
        return random.Random(f"{self.seed}:{request.node.nodeid}")

    def pytest_collection_modifyitems(self, session, config, items):
        order = {c.id: i for i, c in enumerate(self.exercise.checks)}
        kept = [it for it in items if self._check_of(it) in self.only]
        kept.sort(key=lambda it: order[self._check_of(it)])
        items[:] = kept
        for it in kept:
            self.progress.setdefault(self._check_of(it), _Progress()).items.append(it)

    def pytest_runtest_logstart(self, nodeid, location):
        for check_id, p in self.progress.items():
            if p.items and p.items[0].nodeid == nodeid:
                p.started = time.monotonic()
                MEASUREMENTS.clear()
                NOTES.clear()
                contract.CALLED.clear()
                self.emit(START, check=check_id)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        p = self.progress[self._check_of(item)]
        if report.failed and p.status != FAILED:
            p.status = FAILED
            p.message = (Text(fa=contract.CALLED[0].fa, en=contract.CALLED[0].en) if contract.CALLED
                         else explain(call.excinfo, self.dirs))
            p.output = cap(report.capstdout + report.capstderr)
        elif report.skipped and p.status == PASSED:
            p.status = SKIPPED
            exc = call.excinfo.value if call.excinfo else None
            if isinstance(exc, CheckSkipped):
                p.message = Text(fa=exc.fa, en=exc.en)
        return report

    def pytest_runtest_logfinish(self, nodeid, location):
        for check_id, p in self.progress.items():
            if p.items and p.items[-1].nodeid == nodeid:
                self.guard()
                if p.status == PASSED and NOTES:  # a passed check's message is its note
                    p.message = Text(en=NOTES[0][0], fa=NOTES[0][1])
                self.emit(
                    END, check=check_id, status=p.status, message=text_fields(p.message),
                    output=p.output, duration=time.monotonic() - p.started,
                    measurements=list(MEASUREMENTS),
                )
