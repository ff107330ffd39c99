"""The race checks of ex08 decide by design, not by luck: 100 runs out of 100 either way."""
from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import REPO

RUNS = 100
SOLUTION = REPO / "solutions" / "ex08_seat_booking" / "cinema.py"
MUTANTS = REPO / "tests" / "mutants" / "ex08_seat_booking"
SUITE = REPO / "grader" / "suites" / "ex08_seat_booking" / "test_cinema.py"


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def failures(student_file, check):
    """How many of RUNS runs of the suite's test for ``check`` fail on that submission."""
    load("cinema", student_file)
    suite = load("hidden_ex08_suite", SUITE)
    failed = 0
    for _ in range(RUNS):
        try:
            getattr(suite, f"test_{check}")()
        except AssertionError:
            failed += 1
    return failed


@pytest.fixture(autouse=True)
def forget_modules():
    yield
    for name in ("cinema", "hidden_ex08_suite"):
        sys.modules.pop(name, None)


@pytest.mark.parametrize("check", ["book_race", "group_race"])
def test_solution_always_passes(check):
    assert failures(SOLUTION, check) == 0


@pytest.mark.parametrize("mutant, check", [
    ("no_lock", "book_race"), ("new_lock_per_call", "book_race"), ("lock_check_only", "book_race"),
    ("group_check_then_release", "group_race"), ("group_lock_of_its_own", "group_race"),
    ("group_cancel_on_miss", "group_race"),
])
def test_unprotected_mutant_always_fails(mutant, check):
    assert failures(MUTANTS / f"{mutant}.py", check) == RUNS
