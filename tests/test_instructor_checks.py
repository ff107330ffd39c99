"""Instructor-only checks: every exercise has one, its inputs come from a recorded seed, and it fails a
solution that is right only for the values the student kit's public checks use."""
from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from conftest import REPO, grade

from grader.core import manifest
from grader.core.results import PASSED
from grader.core.workspace import Submission, Workspace
from grader.engine import runner
from grader.instructor import autograder
from grader.instructor.gradebook import Gradebook
from grader.instructor.verify import grade_mutant, mutants
from grader.views import page

WS = Workspace(REPO)
EX01 = manifest.find("ex01")
TABLE = REPO / "tests" / "mutants" / "ex01_generators" / "fib_table.py"  # right for the first 1500 values only


def knowing_only_the_kit():
    return [m for ex in manifest.exercises() for m in mutants(WS, ex) if ex.check(m.catches).hidden]


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_every_exercise_has_an_instructor_only_check_with_a_mutant(ex):
    hidden = {c.id for c in ex.checks if c.hidden}
    assert hidden, f"{ex.id} has no instructor-only check"
    assert hidden <= {m.catches for m in knowing_only_the_kit()}


@pytest.mark.parametrize("mutant", knowing_only_the_kit(), ids=lambda m: f"{m.exercise.id}-{m.name}")
def test_the_public_checks_alone_would_give_the_mutant_full_marks(mutant):
    """What the instructor-only check is for: each of its mutants passes every public check (those that
    measure time are left out: their own mutants prove them) and fails the instructor-only one alone."""
    only = [c.id for c in mutant.exercise.checks if not c.timing]
    result = grade_mutant(WS, mutant, only)
    assert result.problem is None, result.problem
    assert {c.id for c in result.checks if c.status != PASSED} == {mutant.catches}, \
        [(c.id, c.message) for c in result.checks if c.status != PASSED]


def drawn_message(seed: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(TABLE, Path(tmp) / "fib.py")
        result = runner.grade(Submission(EX01, (Path(tmp), WS.exercise_dir(EX01))), ["drawn_values"], seed=seed)
    assert result.seed == seed and result.checks[0].status == "failed"
    return result.checks[0].message.en


# Mutants of public checks that an instructor-only check also catches, once its drawn inputs are
# forced through the case (a limit on a Fibonacci number, more keys than threads, a name inside another,
# every refusal followed by a call from another thread, the slowest page first): 6 seeds of every mutant
# had found these 17 with verdicts that depended on the seed.
ALSO_CAUGHT = {"ex01": ("take_pulls_one_more", "below_inclusive", "take_materialises"),
               "ex05": ("ignores_max_workers", "pool_per_key", "zip_completion_order"),
               "ex06": ("substring_split",),
               "ex08": ("accepts_zero", "group_empty_when_sold_out", "group_fit_before_validation",
                        "group_lock_leaked_on_error", "group_partial", "group_total_by_dict",
                        "lock_leaked_on_error", "lock_leaked_on_refusal", "overbook_equal"),
               "ex10": ("completion_order", "counts_characters")}


@pytest.mark.parametrize("mutant", [m for ex in manifest.exercises() for m in mutants(WS, ex)
                                    if m.name in ALSO_CAUGHT.get(ex.id, ()) or ex.check(m.catches).hidden],
                         ids=lambda m: f"{m.exercise.id}-{m.name}")
def test_two_students_with_the_same_wrong_code_lose_the_same_points(mutant):
    """Each student draws other inputs: what the instructor-only check catches must not depend on them."""
    hidden = [c.id for c in mutant.exercise.checks if c.hidden]
    for seed in (1, 2, 3):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(mutant.path, Path(tmp) / mutant.exercise.files[0])
            sub = Submission(mutant.exercise, (Path(tmp), WS.exercise_dir(mutant.exercise)))
            [result] = runner.grade(sub, hidden, seed=seed).checks
        assert result.status == "failed", f"seed {seed}: {mutant.name} passed {hidden}"


def test_the_same_seed_draws_the_same_inputs_and_another_seed_others():
    first = drawn_message(11)
    assert drawn_message(11) == first
    assert drawn_message(12) != first


def test_a_grading_without_a_seed_draws_one_and_says_it():
    run = grade("ex01", "--solutions", "--json")
    seed = run.json["seed"]
    again = grade("ex01", "--solutions", "--seed", str(seed), "--lang", "en")
    assert again.code == 0 and f"grade ex01 --seed {seed} draws the same again" in again.out, again.out


def test_a_gradebook_keeps_its_seed_and_gives_each_student_another(tmp_path):
    book = Gradebook(tmp_path / "book.sqlite")
    seed, ali = book.seed(), book.seed_for("ali", "ex01")
    book.close()
    book = Gradebook(tmp_path / "book.sqlite")
    assert (book.seed(), book.seed_for("ali", "ex01")) == (seed, ali)
    assert ali not in (book.seed_for("sara", "ex01"), book.seed_for("ali", "ex02"))
    book.close()


def test_a_batch_draws_per_student_and_a_regrade_draws_the_same(tmp_path):
    subs, db = tmp_path / "subs", tmp_path / "book.sqlite"
    for student in ("ali", "sara"):
        (subs / student / "exercises" / "ex01_generators").mkdir(parents=True)
        shutil.copy(TABLE, subs / student / "exercises" / "ex01_generators" / "fib.py")

    def messages():
        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT student, message_en FROM results WHERE check_id='drawn_values'"))

    args = ("batch", str(subs), "--db", str(db), "--exercise", "ex01", "--path", str(REPO))
    assert grade(*args).code == 0
    first = messages()
    assert first["ali"] != first["sara"]  # each student's own inputs
    assert grade(*args, "--student", "ali", "--check", "drawn_values").code == 0
    assert messages() == first
    book = Gradebook(db)
    try:
        result = next(r for r in book.records() if r.student == "ali").results[0]
        assert result.seed == book.seed_for("ali", "ex01")
        assert result.to_json("en")["seed"] == result.seed
    finally:
        book.close()
    appeal = grade("ex01", "--seed", str(result.seed), "--path", str(subs / "ali"), "--json", "--lang", "en").json
    assert next(c["message"] for c in appeal["checks"] if c["id"] == "drawn_values") == first["ali"]


def test_gradescope_draws_per_student_from_the_bundle_seed(tmp_path):
    def seed_of(users) -> int:
        if users is not None:
            (tmp_path / autograder.METADATA).write_text(json.dumps({"users": users}), "utf-8")
        return autograder._seed(tmp_path, {"seed": 5})

    nobody = seed_of(None)
    ali = seed_of([{"id": 1, "email": "ali@example.org"}])
    assert ali == seed_of([{"id": 1, "email": "ali@example.org"}]) and len({nobody, ali, seed_of([{"id": 2}])}) == 3
    (tmp_path / autograder.METADATA).write_text("not json", "utf-8")
    assert autograder._seed(tmp_path, {"seed": 5}) == nobody


def test_feedback_offers_no_hint_for_an_instructor_only_check(tmp_path):
    """The kit knows no such check, so `grade hint ex01 drawn_values` would only be refused there."""
    shutil.copy(TABLE, tmp_path / "fib.py")
    failed = runner.grade(Submission(EX01, (tmp_path, WS.exercise_dir(EX01))), ["take_negative", "drawn_values"])
    assert [c.status for c in failed.checks] == [PASSED, "failed"]
    failed.checks[0].status = "failed"  # a public check failed alongside it does offer its hints
    html = page.render({"ex01": page.Shown(failed)}, "en")
    assert "grade hint ex01 take_negative" in html and "grade hint ex01 drawn_values" not in html
