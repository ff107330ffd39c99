"""Notice when student code has replaced a piece of the grader or of pytest.

A submission runs in the same process as the suite, so it could monkeypatch
``expect`` into a no-op or make pytest report every test as passed. The child
takes a snapshot of the objects a verdict depends on before importing the
student's code and compares it before every result it sends.
"""
from __future__ import annotations

import builtins
import importlib

WATCHED = {
    "builtins": ["isinstance", "len", "getattr", "hasattr", "iter", "next", "sum", "any", "all",
                 "AssertionError", "Exception", "BaseException", "__import__"],
    "grader.checks": ["check", "expect", "fail", "skip", "CheckFailed", "CheckSkipped", "record"],
    "grader.checks.deadline": ["call_with_deadline", "run_together"],
    "grader.engine.plugin": ["Reporter", "explain", "cap"],
    "grader.engine.integrity": ["changed", "snapshot"],
    "_pytest.runner": ["call_and_report", "runtestprotocol", "pytest_runtest_makereport",
                       "CallInfo", "check_interactive_exception"],
    "_pytest.reports": ["TestReport"],
    "_pytest.python": ["pytest_pyfunc_call", "Function"],
    "_pytest.outcomes": ["fail", "skip", "Failed", "Skipped"],
    "_pytest.main": ["pytest_runtestloop"],
}


def _parts(obj) -> list:
    """The object, and for classes and functions what their behaviour is made of."""
    parts = [obj]
    code = getattr(obj, "__code__", None)
    if code is not None:
        parts.append(code)
    if isinstance(obj, type):  # methods only: pytest caches plain values on its classes
        for name, member in sorted(vars(obj).items()):
            if callable(member) or isinstance(member, (staticmethod, classmethod, property)):
                parts.append((name, member, getattr(member, "__code__", None)))
    return parts


def snapshot() -> dict[str, list]:
    taken = {}
    for module_name, names in WATCHED.items():
        module = builtins if module_name == "builtins" else importlib.import_module(module_name)
        for name in names:
            taken[f"{module_name}.{name}"] = _parts(getattr(module, name))
    return taken


def _same(a: list, b: list) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, tuple):
            if x[0] != y[0] or x[1] is not y[1] or x[2] is not y[2]:
                return False
        elif x is not y:
            return False
    return True


def changed(before: dict[str, list], _snapshot=snapshot) -> list[str]:
    """Names whose object (or its code, or a class's members) is no longer what it was."""
    try:
        now = _snapshot()
    except Exception:  # noqa: BLE001 - a module made unimportable is a change too
        return ["(a grader or pytest module)"]
    return [name for name, parts in before.items() if not _same(parts, now.get(name, []))]
