"""CI's main proof: for every exercise, the solution and every alternative score 100, the stub 0,
every mutant is caught."""
from __future__ import annotations

import shutil

import pytest
from conftest import REPO, grade

from grader.core import manifest
from grader.core.workspace import Workspace
from grader.instructor.verify import alternatives, mutants, verify_exercise

WS = Workspace(REPO)


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_exercise_verifies(ex):
    assert mutants(WS, ex), f"{ex.slug} has no mutants under tests/mutants/"
    assert len(alternatives(WS, ex)) >= 5, f"{ex.slug}: fewer than 5 correct alternatives under tests/alternatives/"
    surprises = [o for o in verify_exercise(WS, ex) if not o.ok]
    assert not surprises, surprises


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_every_check_is_meant_to_catch_some_mutant(ex):
    caught = {m.catches for m in mutants(WS, ex)}
    assert {c.id for c in ex.checks} <= caught, f"checks with no mutant: {({c.id for c in ex.checks} - caught)}"


def test_verify_command_prints_a_table(tmp_path):
    run = grade("verify", "ex01")
    assert run.code == 0, run.out
    assert "mutant take_pulls_one_more" in run.out and "0 surprise(s)" in run.out


def test_a_mutant_that_is_not_caught_is_a_surprise(workspace):
    ws = workspace("ex01_generators")
    shutil.copytree(REPO / "solutions" / "ex01_generators", ws / "solutions" / "ex01_generators")
    fake = ws / "tests" / "mutants" / "ex01_generators" / "not_a_mutant.py"
    fake.parent.mkdir(parents=True)
    text = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8").split("\n", 1)[1]
    fake.write_text('"""The solution itself.\n\ncatches: take_values\n"""\n' + text, encoding="utf-8")
    run = grade("verify", "ex01", "--path", str(ws))
    assert run.code == 1
    assert "SURPRISE" in run.out and "1 surprise(s)" in run.out


def test_a_skipped_check_is_no_verdict_so_the_mutant_is_graded_again():
    """A speedup check skips while other load holds the CPUs; the proof waits for a verdict, a few tries at most."""
    from grader.core.results import CheckResult, ExerciseResult
    from grader.instructor.verify import _judged

    ex = manifest.find("ex09")
    statuses = iter(["skipped", "skipped", "failed", "passed"])
    calls = []

    def grading():
        calls.append(1)
        return ExerciseResult(ex, [CheckResult("speedup", next(statuses), 0, None, 0.1)], None, 0.1)

    assert _judged(grading, "speedup").checks[0].status == "failed" and len(calls) == 3
    always = _judged(lambda: ExerciseResult(ex, [CheckResult("speedup", "skipped", 0, None, 0.1)], None, 0.1),
                     "speedup")
    assert always.checks[0].status == "skipped"  # still no verdict after 3 tries: a surprise, not a pass
