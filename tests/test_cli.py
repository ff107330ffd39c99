"""The `grade` command as a student or CI uses it: names, options, exit codes, JSON."""
from __future__ import annotations

import pytest
from conftest import grade

from grader import manifest


@pytest.mark.parametrize("name", ["ex01", "1", "01", "ex01_generators", "EX01"])
def test_aliases_name_the_same_exercise(name):
    run = grade(name, "--solutions", "--json")
    assert run.code == 0, run.err
    assert run.json["exercise"] == "ex01" and run.json["score"] == 100


def test_json_schema_is_as_documented():
    result = grade("ex01", "--json").json
    assert set(result) == {"exercise", "slug", "score", "problem", "duration", "checks"}
    ids = [c.id for c in manifest.find("ex01").checks]
    assert [c["id"] for c in result["checks"]] == ids
    for c in result["checks"]:
        assert set(c) == {"id", "status", "points", "max_points", "message", "duration", "measurements"}
        assert c["status"] == "failed" and c["points"] == 0 and "NotImplementedError" in c["message"]


def test_stub_is_not_full_marks_and_says_why_in_both_languages():
    en, fa = grade("ex01"), grade("ex01", "--lang", "fa")
    assert en.code == fa.code == 1
    assert "Score: 0/100" in en.out and "Re-read: lesson 5" in en.out
    assert "نمره: 0/100" in fa.out and "جلسهٔ 5" in fa.out


@pytest.mark.parametrize("args", [["ex99"], ["nonsense"], ["ex1_generators"]])
def test_unknown_exercise_is_a_usage_error(args):
    run = grade(*args)
    assert run.code == 2
    assert "Unknown exercise" in run.err and "ex01" in run.err
    assert "Traceback" not in run.err + run.out


def test_missing_workspace_is_a_usage_error(tmp_path):
    run = grade("ex01", "--path", str(tmp_path / "nowhere"))
    assert run.code == 2 and "No workspace" in run.err and "Traceback" not in run.err
    run = grade("ex01", cwd=tmp_path)
    assert run.code == 2 and "No workspace" in run.err


def test_solutions_missing_from_a_student_kit(workspace):
    run = grade("ex01", "--solutions", "--path", str(workspace("ex01_generators")))
    assert run.code == 2 and "solutions/" in run.err


def test_list_shows_every_exercise_and_the_last_score(workspace):
    ws = workspace("ex01_generators")
    before = grade("list", "--path", str(ws))
    assert before.code == 0
    for ex in manifest.exercises():
        assert ex.id in before.out and ex.slug in before.out
    grade("ex01", "--path", str(ws))
    after = grade("list", "--path", str(ws))
    line = next(row for row in after.out.splitlines() if row.startswith("ex01"))
    assert "0/100" in line and "  -/100" not in line
    assert (ws / ".hamzaman" / "progress.json").is_file()


def test_all_grades_every_exercise_in_order(workspace):
    """On untouched stubs (fast); that every solution scores 100 is test_verify's proof."""
    ws = workspace(*(ex.slug for ex in manifest.exercises()))
    run = grade("all", "--json", "--path", str(ws), timeout=900)
    assert [r["exercise"] for r in run.json] == [ex.id for ex in manifest.exercises()]
    assert run.code == 1 and all(r["score"] == 0 for r in run.json)


def test_help_lists_the_commands():
    run = grade("--help")
    assert run.code == 0
    for command in ("all", "list", "verify"):
        assert command in run.out
