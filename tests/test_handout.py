"""`grade handout`: the student kit holds the public checks only, and its own grader works."""
from __future__ import annotations

import json
import shutil
import sys

import pytest
from conftest import REPO
from hidden_source import HIDDEN, HIDDEN_FILE, SLUG, copy_source, hidden_source
from kit_env import isolated_python, run

from grader.core import manifest
from grader.instructor import handout
from grader.instructor.suite_files import MixedSuiteFile
from grader.views.prose import persian_digits


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return hidden_source(tmp_path_factory.mktemp("source"))


@pytest.fixture(scope="module")
def kit(source, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "kit"
    handout.build(out, source)
    return out


def test_a_suite_file_mixing_hidden_and_public_tests_is_refused(tmp_path):
    (tmp_path / "src").mkdir()
    src = copy_source(tmp_path / "src")
    with pytest.raises(MixedSuiteFile, match="test_fib.py"):
        handout.build(tmp_path / "kit", src)
    assert not (tmp_path / "kit").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["src"]  # no half-built kit left behind


def test_kit_leaves_out_solutions_mutants_tests_and_hidden_suites(kit):
    files = {p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file()}
    assert not (kit / "solutions").exists() and not (kit / "tests").exists()
    assert not [f for f in files if "mutant" in f or "__pycache__" in f]
    assert f"grader/suites/{SLUG}/test_fib.py" in files
    assert f"grader/suites/{SLUG}/{HIDDEN_FILE}" not in files
    instructor_only = set(HIDDEN) | {c.id for ex in manifest.exercises() for c in ex.checks if c.hidden}
    for path in (kit / "grader" / "suites").rglob("*.py"):
        text = path.read_text("utf-8")
        assert not [c for c in instructor_only if f'check("{c}")' in text], path
    for ex in manifest.load(kit / "grader" / "exercises.toml"):  # every exercise has some, and says so
        assert ex.hidden_checks >= 1 and not (kit / "grader" / "suites" / ex.slug / "test_drawn.py").exists()
    for ex in manifest.exercises():  # the stubs, pristine, also inside the package for `grade reset`
        for name in ex.files + ex.given:
            stub = (REPO / "exercises" / ex.slug / name).read_bytes()
            assert (kit / "exercises" / ex.slug / name).read_bytes() == stub
            assert (kit / "grader" / "stubs" / ex.slug / name).read_bytes() == stub
    solution_texts = {p.read_bytes() for p in (REPO / "solutions").rglob("*.py")}
    assert not [f for f in files if f.endswith(".py") and (kit / f).read_bytes() in solution_texts]


def test_kit_manifest_counts_the_hidden_checks(kit):
    kit_ex = next(ex for ex in manifest.load(kit / "grader" / "exercises.toml") if ex.slug == SLUG)
    assert not any(c.hidden for c in kit_ex.checks)
    assert not {c.id for c in kit_ex.checks} & set(HIDDEN)
    assert (kit_ex.hidden_checks, kit_ex.hidden_points) == (len(HIDDEN), sum(HIDDEN.values()))
    assert sum(c.points for c in kit_ex.checks) == 100 - sum(HIDDEN.values())
    with pytest.raises(handout.KitError, match="already a student kit"):
        handout.build(kit.parent / "again", kit)


@pytest.mark.skipif(sys.platform == "win32", reason="the venv trick is tested where CI runs it")
def test_kit_grader_scores_public_checks_out_of_100(kit, source, tmp_path):
    python = isolated_python(tmp_path / "venv", kit)
    stub = run(python, "-m", "grader", "ex01", "--json", cwd=kit)
    assert stub.returncode == 1 and stub.stdout, stub.stderr
    result = json.loads(stub.stdout)
    assert result["score"] == 0
    assert {c["id"] for c in result["checks"]} == {c.id for c in manifest.find("ex01").checks} - set(HIDDEN)
    shutil.copy2(source / "solutions" / SLUG / "fib.py", kit / "exercises" / SLUG / "fib.py")
    try:
        solved = run(python, "-m", "grader", "ex01", "--lang", "en", cwd=kit)
        assert solved.returncode == 0, solved.stdout + solved.stderr
        assert "Score: 100/100" in solved.stdout
        assert f"{len(HIDDEN)} more check(s) ({sum(HIDDEN.values())} points) run at grading time" in solved.stdout
        fa = run(python, "-m", "grader", "ex01", "--lang", "fa", cwd=kit)
        assert persian_digits(f"{len(HIDDEN)} آزمون دیگر ({sum(HIDDEN.values())} امتیاز)") in fa.stdout
        reset = run(python, "-m", "grader", "reset", "ex01", "--yes", cwd=kit)  # from the kit's own stubs
        assert reset.returncode == 0, reset.stdout + reset.stderr
        assert (kit / "exercises" / SLUG / "fib.py").read_bytes() == (REPO / "exercises" / SLUG / "fib.py").read_bytes()
    finally:
        shutil.copy2(source / "exercises" / SLUG / "fib.py", kit / "exercises" / SLUG / "fib.py")


def test_this_repository_builds_a_kit(tmp_path):
    """Fails as soon as a suite file here mixes instructor-only and public tests."""
    exercises = handout.build(tmp_path / "kit")
    assert [ex.id for ex in exercises] == [ex.id for ex in manifest.exercises()]
    assert not (tmp_path / "kit" / "solutions").exists()


def test_kit_has_the_students_tools_only_and_says_where_the_others_are(kit, tmp_path):
    """No instructor code or command in a kit; its README opens with two commands that work there."""
    assert not (kit / "grader" / "instructor").exists()
    readme = (kit / "README.md").read_text(encoding="utf-8")
    assert "## For students" in readme and "## For instructors" not in readme
    assert "grade batch" not in readme and "grade verify" not in readme
    first, second = [block.split("```")[0].strip() for block in readme.split("```bash")[1:3]]
    assert first.endswith("grade list") and second.endswith("grade all"), (first, second)
    python = isolated_python(tmp_path / "venv", kit)
    helped = run(python, "-m", "grader", "--help", cwd=kit)
    assert helped.returncode == 0 and "instructor" not in helped.stdout and "watch" in helped.stdout
    for command in ("verify", "batch", "instructor"):
        refused = run(python, "-m", "grader", command, cwd=kit)
        assert refused.returncode == 2 and "instructor's repository" in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stdout + refused.stderr
    listed = run(python, "-m", "grader", "list", cwd=kit)
    assert listed.returncode == 0 and "ex01" in listed.stdout, listed.stderr
