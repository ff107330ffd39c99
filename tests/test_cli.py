"""The `grade` command as a student or CI uses it: names, options, exit codes, JSON."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

import psutil
import pytest
from conftest import REPO, grade

from grader.core import manifest


@pytest.mark.parametrize("name", ["ex01", "1", "01", "ex01_generators", "EX01"])
def test_aliases_name_the_same_exercise(name):
    run = grade(name, "--solutions", "--json")
    assert run.code == 0, run.err
    assert run.json["exercise"] == "ex01" and run.json["score"] == 100


def test_json_schema_is_as_documented():
    result = grade("ex01", "--json").json
    assert set(result) == {"exercise", "slug", "score", "problem", "duration", "seed", "checks"}
    assert isinstance(result["seed"], int)  # ex01 has an instructor-only check, so its inputs had a seed
    ids = [c.id for c in manifest.find("ex01").checks]
    assert [c["id"] for c in result["checks"]] == ids
    for c in result["checks"]:
        assert set(c) == {"id", "status", "points", "max_points", "message", "duration", "measurements"}
        assert c["status"] == "failed" and c["points"] == 0 and "NotImplementedError" in c["message"]


def test_stub_is_not_full_marks_and_says_why_in_both_languages():
    en, fa = grade("ex01"), grade("ex01", "--lang", "fa")
    assert en.code == fa.code == 1
    assert "Score: 0/100" in en.out and "Re-read: lesson 5" in en.out
    assert "نمره: 0/100" in fa.out and "جلسهٔ ۵" in fa.out


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


def test_all_prints_each_exercise_whole_in_course_order(workspace):
    """Graded side by side and the speedup checks last, yet shown as one block per exercise, in order."""
    ws = workspace(*(ex.slug for ex in manifest.exercises()))
    broken = manifest.find("ex09")  # a load error in phase one: the speedup check, graded apart, is listed too
    (ws / "exercises" / broken.slug / broken.files[0]).write_text("def broken(:\n", encoding="utf-8")
    run = grade("all", "--path", str(ws), "--lang", "en", timeout=900)
    lines = run.out.splitlines()
    starts = [next(i for i, line in enumerate(lines) if line.startswith(f"{ex.id}  ")) for ex in manifest.exercises()]
    assert starts == sorted(starts), run.out
    for ex, begin, end in zip(manifest.exercises(), starts, [*starts[1:], len(lines)]):
        block = "\n".join(lines[begin:end])
        for c in ex.checks:  # every check of the exercise, the speedup checks graded apart included, in its block
            assert f"({c.id})" in block, (ex.id, c.id, block)
        assert "Score: 0/100" in block


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX-only")
def test_ctrl_c_during_all_stops_every_grading(no_process_left):
    proc = subprocess.Popen([sys.executable, "-m", "grader", "all", "--solutions", "--path", str(REPO)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    time.sleep(4)  # several exercises are being graded at once by now
    assert [p for p in psutil.Process(proc.pid).children(recursive=True) if "grader.engine.child" in " ".join(p.cmdline())]
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode != 0 and b"Traceback" not in err, err


def test_help_lists_the_commands_and_the_instructor_group_apart():
    run = grade("--help")
    assert run.code == 0
    for command in ("all", "list", "instructor"):
        assert command in run.out
    assert "verify" not in run.out and "batch" not in run.out
    run = grade("instructor", "--help")
    assert run.code == 0 and all(c in run.out for c in ("batch", "export", "handout", "gradescope", "verify"))
    from grader.cli import INSTRUCTOR_COMMANDS
    from grader.cli.instructor import instructor
    assert sorted(instructor.commands) == sorted(INSTRUCTOR_COMMANDS)  # the kit's refusals name exactly these


def test_help_lists_the_student_commands_and_how_to_grade_one_exercise():
    run = grade("--help")
    for command in ("hint", "watch", "reset", "report", "list", "all"):
        assert f"  {command} " in run.out, command
    assert "  EXERCISE " in run.out


def test_grade_alone_prints_the_help_and_succeeds():
    run = grade()
    assert run.code == 0 and "Usage: grade" in run.out and "EXERCISE" in run.out and not run.err


def test_version():
    from importlib.metadata import version

    run = grade("--version")
    assert run.code == 0 and run.out.strip() == f"grade {version('hamzaman')}"


def test_an_exercise_has_help_of_its_own():
    run = grade("ex01", "--help")
    assert run.code == 0 and "Usage: grade ex01 [OPTIONS]" in run.out and "check" not in run.out.split("\n")[0]
    assert "--lang" in run.out and "--json" in run.out


@pytest.mark.parametrize("typo, meant", [("lsit", "'grade list'"), ("wacth", "'grade watch'"),
                                         ("ex1_generators", "'ex01_generators'")])
def test_a_typo_gets_a_suggestion(typo, meant):
    run = grade(typo)
    assert run.code == 2 and f"Did you mean {meant}?" in run.err


def test_list_says_lesson_or_lessons(workspace):
    run = grade("list", "--path", str(workspace("ex01_generators")))
    rows = {row[:4]: row for row in run.out.splitlines() if row.startswith("ex")}
    assert "(lesson 5)" in rows["ex01"] and "(lessons 3 and 7)" in rows["ex02"]
    assert "(lessons 14, 15 and 16)" in rows["ex08"]


def test_a_one_shot_grading_ends_with_what_changed_and_what_to_do_next(workspace):
    ws = workspace("ex01_generators")
    first = grade("ex01", "--path", str(ws))
    assert "First run of this exercise." in first.out
    assert first.out.rstrip().endswith("Stuck? grade hint ex01 fib_sequence")
    target = ws / "exercises" / "ex01_generators" / "fib.py"
    target.write_text((REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8"),
                      encoding="utf-8")
    second = grade("ex01", "--path", str(ws))
    assert second.code == 0, second.out
    assert "Since the last run: score 0 → 100 (+100)" in second.out and "now passing: " in second.out
    assert "Next: ex02" in second.out and "exercises/ex02_async_pipeline/README.md" in second.out


def test_locations_in_the_students_files_open_in_an_editor(workspace):
    ws = workspace("ex01_generators")
    target = ws / "exercises" / "ex01_generators" / "fib.py"
    solution = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8")
    target.write_text(solution.replace("    items = []\n", "    items = {}['missing']\n", 1), encoding="utf-8")
    run = grade("ex01", "--path", str(ws))
    assert re.search(r"\(exercises/ex01_generators/fib\.py:\d+ in take: ", run.out), run.out
    target.write_text("def fib(:\n", encoding="utf-8")
    broken = grade("ex01", "--path", str(ws))
    assert "Syntax error in exercises/ex01_generators/fib.py:1" in broken.out, broken.out


def _complete(*words: str) -> list[str]:
    env = {"_GRADE_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(("grade", *words)),
           "COMP_CWORD": str(len(words))}
    return [line.split(",", 1)[1] for line in grade(env=env).out.splitlines()]


def test_shell_completion_knows_exercises_checks_and_commands():
    assert _complete("ex0") == [f"ex0{n}" for n in range(1, 10)]
    assert "watch" in _complete("wa")
    assert _complete("hint", "ex01", "take_") == ["take_values", "take_infinite", "take_exact_pull", "take_negative"]
    assert "ex10" in _complete("watch", "")


def test_every_lesson_the_manifest_names_has_a_title():
    from grader.core import messages

    named = {n for ex in manifest.exercises() for n in ex.lessons} | {c.lesson for ex in manifest.exercises()
                                                                       for c in ex.checks}
    assert named <= set(messages.LESSONS), named - set(messages.LESSONS)
