"""`grade batch`: odd layouts, resuming after a crash, re-grading only what changed, -j."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest
from conftest import EX01_MUTANT, EX01_MUTANT_FAILS, REPO, grade, score_without

from grader.core.manifest import find
from grader.core.results import ExerciseResult, Protections
from grader.instructor import summary
from grader.instructor.gradebook import Gradebook

SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_bytes()
MUTANT = EX01_MUTANT.read_bytes()
MUTANT_SCORE = score_without("ex01", *EX01_MUTANT_FAILS)


def batch(submissions, db, *args, **kwargs):
    return grade("batch", str(submissions), "--db", str(db), "--exercise", "ex01", "--path", str(REPO),
                 *args, **kwargs)


def scores(db) -> dict[str, int | None]:
    book = Gradebook(db)
    try:
        return {r.student: (r.results[0].score if r.results else None) for r in book.records()}
    finally:
        book.close()


def put(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def zip_of(path, files: dict[str, bytes], utf8_flag: bool = True):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            if not utf8_flag:  # as some archivers write them: UTF-8 bytes without the flag
                info.filename = name.encode("utf-8").decode("cp437")
            z.writestr(info, data)


@pytest.fixture
def klass(tmp_path):
    subs = tmp_path / "subs"
    put(subs / "as_kit" / "exercises" / "ex01_generators" / "fib.py", SOLUTION)
    put(subs / "flat" / "ex01_generators" / "fib.py", MUTANT)
    put(subs / "nested" / "hamzaman-main" / "exercises" / "ex01_generators" / "fib.py", SOLUTION)
    zip_of(subs / "zipped.zip", {"kit/exercises/ex01_generators/fib.py": SOLUTION})
    zip_of(subs / "سارا.zip", {"تمرین‌ها/ex01_generators/fib.py": MUTANT}, utf8_flag=False)
    (subs / "corrupt.zip").write_bytes(b"PK\x03\x04 not really a zip")
    zip_of(subs / "sneaky.zip", {"../../escaped.py": b"x", "ex01_generators/fib.py": SOLUTION})
    put(subs / "empty" / "notes.txt", b"nothing here")
    put(subs / "other_exercise" / "ex08_seat_booking" / "cinema.py", b"")
    if sys.platform.startswith("linux"):
        os.makedirs(os.fsencode(subs) + b"/latin\xe9/ex01_generators")
        put(subs / os.fsdecode(b"latin\xe9") / "ex01_generators" / "fib.py", SOLUTION)
    return subs, tmp_path / "book.sqlite"


def test_every_layout_gets_a_grade_or_a_clear_message(klass):
    subs, db = klass
    run = batch(subs, db, "-j", "2")
    assert run.code == 0, run.err
    assert "Traceback" not in run.out + run.err
    got = scores(db)
    expected = {"as_kit": 100, "flat": MUTANT_SCORE, "nested": 100, "zipped": 100, "سارا": MUTANT_SCORE, "sneaky": 100,
                "corrupt": None, "empty": None, "other_exercise": 0}
    if sys.platform.startswith("linux"):
        expected["latin\ufffd"] = 100
    assert got == expected
    assert not (subs.parent / "escaped.py").exists()
    book = Gradebook(db)
    problems = {r.student: r.problem.en for r in book.records() if r.problem}
    book.close()
    assert "corrupt" in problems["corrupt"] and "No exercise folder" in problems["empty"]
    assert "Per exercise" in run.out and "Per student" in run.out
    assert "held in every one: scrubbed environment" in run.out


def test_the_summary_says_which_protection_did_not_hold(capsys):
    ex = find("ex01")
    results = [ExerciseResult(ex, protections=Protections(["scrubbed environment", "control group"], [])),
               ExerciseResult(ex, protections=Protections(["scrubbed environment"], ["control group"])),
               ExerciseResult(ex)]  # did not load: nothing to say
    summary.render_protections(results)
    out = capsys.readouterr().out
    assert "Sandbox (gradings run: 2)" in out
    assert "held in every one: scrubbed environment\n" in out
    assert "held in 1 of 2: control group" in out and "missing in 1 of 2: control group" in out


def test_unchanged_work_is_not_graded_again_and_force_redoes_it(klass):
    subs, db = klass
    first = batch(subs, db)
    groups = [line.split(None, 1)[1].split(", ") for line in first.out.split("Identical submissions")[1].splitlines()
              if line.startswith("  ex01")]  # the solution and the mutant, each handed in several times
    assert {"as_kit", "nested", "sneaky", "zipped"} <= set(groups[0]) and groups[1] == ["flat", "سارا"], first.out
    again = batch(subs, db)
    assert again.out.startswith("0 gradings to run")
    put(subs / "flat" / "ex01_generators" / "fib.py", SOLUTION)
    changed = batch(subs, db)
    assert changed.out.startswith("1 gradings to run")
    assert scores(db)["flat"] == 100
    forced = batch(subs, db, "--force")
    assert not forced.out.startswith("0 gradings")


def test_a_targeted_regrade_touches_only_that_student_and_check(klass):
    """An appeal or a fixed check: `--student` and `--check` re-grade those verdicts and nothing else."""
    subs, db = klass
    batch(subs, db)
    with sqlite3.connect(db) as conn:  # two verdicts made wrong by hand: only the targeted one comes back
        conn.execute("UPDATE results SET status='passed', points=max_points WHERE check_id IN (?, ?) "
                     "AND student IN ('flat', 'سارا')", EX01_MUTANT_FAILS)
    assert scores(db)["flat"] == scores(db)["سارا"] == 100
    run = batch(subs, db, "--student", "flat", "--check", "take_exact_pull")
    assert run.code == 0 and run.out.startswith("1 gradings to run"), run.out + run.err
    after = scores(db)
    assert after["flat"] < 100 and after["سارا"] == 100 and after["as_kit"] == 100, after


@pytest.mark.parametrize("option,wrong,suggested", [("--student", "falt", "flat"),
                                                    ("--check", "take_exact_pul", "take_exact_pull")])
def test_an_unknown_student_or_check_is_a_usage_error_with_a_suggestion(klass, option, wrong, suggested):
    subs, db = klass
    run = batch(subs, db, option, wrong)
    assert run.code == 2 and suggested in run.err and "Traceback" not in run.err, run.err
    assert not db.exists()


def test_a_killed_batch_resumes_to_the_same_result(klass, tmp_path):
    subs, db = klass
    reference = tmp_path / "reference.sqlite"
    batch(subs, reference)
    proc = subprocess.Popen([sys.executable, "-m", "grader", "batch", str(subs), "--db", str(db), "--exercise",
                             "ex01", "--path", str(REPO)], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db) as con:
                    if con.execute("SELECT COUNT(DISTINCT student) FROM results").fetchone()[0] >= 2:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    proc.wait()
    resumed = batch(subs, db)
    assert resumed.code == 0
    assert not resumed.out.startswith("8 gradings")  # some work was kept
    assert scores(db) == scores(reference)


def test_parallel_and_serial_runs_agree(klass, tmp_path):
    subs, db = klass
    serial = tmp_path / "serial.sqlite"
    batch(subs, serial, "-j", "1")
    batch(subs, db, "-j", "3")
    assert scores(db) == scores(serial)


def test_missing_submissions_folder_is_a_usage_error(tmp_path):
    run = grade("batch", str(tmp_path / "nope"), "--db", str(tmp_path / "b.sqlite"))
    assert run.code == 2 and "Traceback" not in run.err


def test_only_speedup_checks_wait_for_the_machine_alone(tmp_path):
    """Sleep-bound timing checks share the parallel phase; a speedup is measured one grading at a time."""
    from grader.core import manifest
    from grader.core.workspace import Workspace
    from grader.instructor.batch import Batch

    ex = find("ex10")
    put(tmp_path / "subs" / "ana" / "exercises" / ex.slug / ex.files[0],
        (REPO / "solutions" / ex.slug / ex.files[0]).read_bytes())
    book = Gradebook(tmp_path / "book.sqlite")
    run = Batch(Workspace(REPO), tmp_path / "subs", book, exercises=(ex,))
    try:
        plan = run.plan()
    finally:
        run.close()
        book.close()
    assert [job.checks for job in plan.alone] == [[c.id for c in ex.checks if c.timing == "cpu"]] == [["compute_speedup"]]
    shared = plan.shared[0].checks
    assert "fastest_first" in shared and "compute_speedup" not in shared and len(shared) == len(ex.checks) - 1
    with pytest.raises(ValueError, match="timing = True"):
        manifest._timing("ex99", {"id": "x", "timing": True})
