"""An instructor's repository where two more checks of ex01 are instructor-only, their tests in a file of their own."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

from conftest import REPO

from grader.core import manifest

SLUG = "ex01_generators"
MADE_HIDDEN = ("take_exact_pull", "take_negative")  # beside the manifest's own instructor-only check
HIDDEN = {c.id: c.points for c in manifest.find(SLUG).checks if c.hidden or c.id in MADE_HIDDEN}
HIDDEN_FILE = "test_fib_instructor.py"


def copy_source(dst: Path) -> Path:
    junk = shutil.ignore_patterns("__pycache__", ".ruff_cache", ".pytest_cache", ".hamzaman")
    for name in ("README.md", "pyproject.toml"):
        shutil.copy2(REPO / name, dst / name)
    for name in ("grader", "exercises", "solutions", "tests"):
        shutil.copytree(REPO / name, dst / name, ignore=junk)
    text = (dst / "grader" / "exercises.toml").read_text("utf-8")
    for check_id in MADE_HIDDEN:
        line = f'  id = "{check_id}"\n'
        assert text.count(line) == 1
        text = text.replace(line, line + "  hidden = true\n")
    (dst / "grader" / "exercises.toml").write_text(text, "utf-8")
    return dst


def split_suite(suite: Path) -> None:
    """Move the hidden checks' tests into a file of their own, as an instructor would."""
    source = suite / "test_fib.py"
    text = source.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    spans = {True: [], False: []}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            check_id = node.decorator_list[0].args[0].value
            spans[check_id in MADE_HIDDEN].append((node.decorator_list[0].lineno - 1, node.end_lineno))

    def without(drop):
        gone = {i for start, end in drop for i in range(start, end)}
        return "".join(line for i, line in enumerate(lines) if i not in gone)

    source.write_text(without(spans[True]), "utf-8")
    (suite / HIDDEN_FILE).write_text(without(spans[False]), "utf-8")


def hidden_source(dst: Path) -> Path:
    src = copy_source(dst)
    split_suite(src / "grader" / "suites" / SLUG)
    return src
