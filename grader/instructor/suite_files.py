"""Which checks a hidden-suite file grades, read from its ``@check("id")`` markers without importing it.

A handout leaves out the files that grade instructor-only checks; a file that
grades both kinds cannot be split safely, so it is an error.
"""
from __future__ import annotations

import ast
from pathlib import Path


class MixedSuiteFile(ValueError):
    """A suite file holds tests of instructor-only and of public checks."""


def checks_in(path: Path) -> set[str]:
    """Every ``check("id")`` (or ``checks.check("id")``) call with a literal id in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "check" and isinstance(node.args[0].value, str):
            found.add(node.args[0].value)
    return found


def is_hidden(path: Path, hidden: set[str]) -> bool:
    """True if the file grades instructor-only checks only; MixedSuiteFile if it grades both kinds."""
    ids = checks_in(path)
    if not ids or not ids & hidden:
        return False
    if ids <= hidden:
        return True
    raise MixedSuiteFile(
        f"{path}: grades instructor-only checks ({', '.join(sorted(ids & hidden))}) and public ones "
        f"({', '.join(sorted(ids - hidden))}); move the instructor-only tests to a file of their own."
    )
