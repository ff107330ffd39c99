"""Shared fixtures: run the real `grade` command, and make throw-away student workspaces."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[1]
# The ex01 mutant the batch tests hand in, and every check that catches it (a public one, and the
# instructor-only one that draws its own n).
EX01_MUTANT = REPO / "tests" / "mutants" / "ex01_generators" / "take_pulls_one_more.py"
EX01_MUTANT_FAILS = ("take_exact_pull", "drawn_values")

# A shell's background job (CI may run this suite as one) starts with SIGINT ignored, and every
# process it starts inherits that: the tests that press Ctrl-C on a `grade` would test nothing.
# Caught here, SIGINT is back to its default in every child, as it is under a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


def grade(*args: str, cwd: Path = REPO, env: dict | None = None, timeout: float = 300) -> Run:
    proc = subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, env={**os.environ, **(env or {})})
    return Run(proc.returncode, proc.stdout, proc.stderr)


def score_without(exercise: str, *failing: str) -> int:
    """The score of a grading in which exactly these checks fail: tests follow the manifest's points."""
    from grader.core import manifest

    return 100 - sum(manifest.find(exercise).check(c).points for c in failing)


@pytest.fixture
def workspace(tmp_path):
    """A student workspace holding a fresh copy of the given exercises' folders."""

    def make(*slugs: str) -> Path:
        for slug in slugs:
            shutil.copytree(REPO / "exercises" / slug, tmp_path / "exercises" / slug)
        return tmp_path

    return make


@pytest.fixture
def no_process_left():
    """Fails the test if anything it started (directly or not) is still running."""
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    yield
    left = [p for p in me.children(recursive=True) if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE]
    assert not left, f"processes left behind: {[(p.pid, p.cmdline()) for p in left]}"


@pytest.fixture
def browser():
    """Chromium's path, or the test is skipped and says why."""
    import browser as real_browser

    found = real_browser.find()
    if found is None:
        pytest.skip(real_browser.SKIP_REASON)
    return found
