"""The folders are the architecture: each layer imports only the layers below it, and no module cycle exists.

core (the data every layer speaks, and helpers with no policy) <- checks (the suite authors' API)
<- engine (grade one submission, in isolation) <- views (how a result reads) <- student,
instructor (the two audiences' tools, which never import each other) <- the CLI.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

GRADER = REPO / "grader"
RANK = {"core": 0, "checks": 1, "engine": 2, "views": 3, "student": 4, "instructor": 4, "cli": 5, "__main__": 6}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def imports(path: Path) -> set[str]:
    """grader modules imported at module level or in functions (a lazy import still couples the layers)."""
    found = set()
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("grader.")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("grader."):
                found.add(base)
            elif base == "grader":
                found |= {f"grader.{a.name}" for a in node.names}
    return found


MODULES = {module_name(p): p for p in GRADER.rglob("*.py") if "suites" not in p.relative_to(GRADER).parts}


def test_every_module_sits_in_a_known_layer():
    assert {layer(m) for m in MODULES} - {""} <= RANK.keys()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m)))
def test_no_upward_or_sideways_import(module):
    mine = RANK[layer(module)]
    wrong = [dep for dep in imports(MODULES[module])
             if layer(dep) in RANK and layer(dep) != layer(module) and RANK[layer(dep)] >= mine]
    assert not wrong, f"{module} (layer {layer(module)}) imports {wrong}"


def test_no_import_cycle():
    graph = {m: {d for d in imports(p) if d in MODULES and d != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in graph[m]:
            if state.get(d) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(d):] + [d]) if d in path else d)
            if d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])
