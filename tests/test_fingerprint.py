"""A batch re-grades what a change can affect, and nothing else: wording never, a suite's code its exercise only."""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import REPO

from grader.core import manifest
from grader.engine.fingerprint import verdict_version


@pytest.fixture
def package(tmp_path):
    root = tmp_path / "grader"
    shutil.copytree(REPO / "grader", root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def versions(root):
    return {ex.id: verdict_version(ex, root) for ex in manifest.load(root / "exercises.toml")}


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_wording_css_and_hints_regrade_nothing(package):
    before = versions(package)
    manifest_file = package / "exercises.toml"
    manifest_file.write_text(manifest_file.read_text(encoding="utf-8").replace(
        "Generators and the Fibonacci sequence", "Generators, and the Fibonacci sequence"), encoding="utf-8")
    append(package / "suites" / "ex01_generators" / "hints.toml", "\n# a reworded hint\n")
    append(package / "student" / "report.py", "\n# a CSS rule changed\n")
    append(package / "core" / "messages.py", "\n# a message reworded\n")
    append(package / "instructor" / "summary.py", "\n# the summary reads better\n")
    assert versions(package) == before


def test_a_suite_change_regrades_its_exercise_only(package):
    before = versions(package)
    append(next((package / "suites" / "ex04_aiohttp_scraper").glob("test_*.py")), "\n# a check tightened\n")
    after = versions(package)
    assert [ex for ex in before if before[ex] != after[ex]] == ["ex04"]


def _move_a_point(text: str) -> str:
    """One point from the manifest's first check to its second (both in ex01): the total stays 100."""
    pieces, last = [], 0
    for match, delta in zip(list(re.finditer(r"points = (\d+)", text))[:2], (1, -1)):
        pieces += [text[last:match.start(1)], str(int(match.group(1)) + delta)]
        last = match.end(1)
    return "".join(pieces) + text[last:]


@pytest.mark.parametrize("edit", ["engine/runner.py", "checks/speedup.py", "points"])
def test_engine_checks_and_points_regrade_every_exercise_they_touch(package, edit):
    before = versions(package)
    if edit == "points":
        manifest_file = package / "exercises.toml"
        text = manifest_file.read_text(encoding="utf-8")
        manifest_file.write_text(_move_a_point(text), encoding="utf-8")
        changed = {ex for ex in before if before[ex] != versions(package)[ex]}
        assert changed == {"ex01"}
    else:
        append(package / edit, "\n# behaviour changed\n")
        assert all(before[ex] != v for ex, v in versions(package).items())
