"""A failure message describes what the student's code did, never the suite's own machinery."""
from __future__ import annotations

import ast
import asyncio

import pytest
from conftest import REPO

from grader.checks import CheckFailed
from grader.checks.values import close_to, expect_raises, is_number
from grader.core import manifest
from grader.core.workspace import Workspace
from grader.engine.pyversions import newer_api
from grader.instructor.verify import grade_file

SUITE_FILES = sorted((REPO / "grader" / "suites").glob("*/test_*.py"))


def _machinery(tree: ast.AST) -> list[str]:
    """Bare asserts and pytest.raises/fail: their failures read as pytest internals to a student."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            found.append(f"line {node.lineno}: assert")
        elif (isinstance(node, ast.Attribute) and node.attr in ("raises", "fail")
              and isinstance(node.value, ast.Name) and node.value.id == "pytest"):
            found.append(f"line {node.lineno}: pytest.{node.attr}")
    return found


@pytest.mark.parametrize("path", SUITE_FILES, ids=lambda p: p.parent.name)
def test_suites_fail_only_with_messages_of_their_own(path):
    found = _machinery(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{path.relative_to(REPO)}: use expect/fail/expect_raises instead: {found}"


def test_numbers_compare_by_value():
    assert close_to(0, 0.0, 1e-9) and close_to(2, 2.0000000001, 1e-9)
    assert not close_to(True, 1.0, 1e-9) and not close_to("1.0", 1.0, 1e-9) and not close_to(None, 0.0, 1e-9)
    assert is_number(3) and is_number(3.5) and not is_number(False)


def test_a_call_that_does_not_raise_is_described_by_what_it_returned():
    with pytest.raises(CheckFailed) as caught:
        expect_raises(ValueError, "split_range(1, 10, 0)", lambda *a: [(1, 10)], 1, 10, 0)
    assert caught.value.en == "split_range(1, 10, 0) returned [(1, 10)] instead of raising ValueError."
    assert "ValueError" in caught.value.fa and "split_range(1, 10, 0)" in caught.value.fa
    assert isinstance(expect_raises(ValueError, "f()", int, "x"), ValueError)


def test_a_graded_split_range_that_does_not_raise_is_told_so(tmp_path):
    source = (REPO / "solutions" / "ex09_multiprocessing" / "compute.py").read_text(encoding="utf-8")
    wrong = tmp_path / "compute.py"
    wrong.write_text(source.replace("    if parts < 1:\n", "    if parts < 0:\n"), encoding="utf-8")
    ex = manifest.find("ex09")
    result = grade_file(Workspace(REPO), ex, wrong, ["split_range"])
    (check,) = result.checks
    assert check.status == "failed"
    assert check.message.en == "split_range(0, 10, 0) returned [] instead of raising ValueError.", check.message.en
    assert "DID NOT RAISE" not in check.message.en + check.message.fa


@pytest.mark.parametrize("exc,api", [
    (AttributeError("no TaskGroup", name="TaskGroup", obj=asyncio), "asyncio.TaskGroup"),
    (ImportError("cannot import name 'Runner' from 'asyncio' (/usr/lib/asyncio/__init__.py)"), "asyncio.Runner"),
    (ModuleNotFoundError("No module named 'tomllib'", name="tomllib"), "tomllib"),
    (NameError("name 'ExceptionGroup' is not defined", name="ExceptionGroup"), "ExceptionGroup"),
    (TypeError("run() got an unexpected keyword argument 'loop_factory'"), "asyncio.run(..., loop_factory=...)"),
])
def test_an_api_newer_than_the_interpreter_is_named_with_its_version(exc, api):
    told = newer_api(exc, running=(3, 10))
    assert told is not None and f"`{api}`" in told.en and "3.10" in told.en and f"`{api}`" in told.fa
    assert newer_api(exc, running=(3, 13)) is None  # there it exists: the error has another cause


def test_an_ordinary_error_is_not_blamed_on_the_version():
    assert newer_api(AttributeError("x", name="nope", obj=asyncio), running=(3, 10)) is None
    assert newer_api(ValueError("bad"), running=(3, 10)) is None


def test_a_lesson_the_errata_correct_points_to_the_readme_section_that_does():
    """"Re-read: lesson 16" alone would send the student back to the passage that is wrong."""
    from grader.views.render import lesson_line

    pointed = [(ex, c) for ex in manifest.exercises() for c in ex.checks if c.corrected_in]
    assert {c.id for _, c in pointed} >= {"no_deadlock", "heartbeat_daemon", "no_global_policy", "split_range"}
    for ex, c in pointed:
        readme = (REPO / "exercises" / ex.slug / "README.md").read_text(encoding="utf-8")
        headings = {line.lstrip("#").strip() for line in readme.splitlines() if line.startswith("#")}
        assert c.corrected_in in headings, f"{ex.id} {c.id}: no heading {c.corrected_in!r} in its README"
        for lang in ("fa", "en"):
            line = lesson_line(ex, c, lang)
            assert c.corrected_in in line and f"exercises/{ex.slug}/README.md" in line, line
