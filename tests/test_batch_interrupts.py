"""Stopping a batch, killing its grader or pointing it at the wrong file never stores a wrong grade."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import REPO, grade

from grader.core.workspace import Workspace
from grader.instructor import batch
from grader.instructor.gradebook import Gradebook, NotAGradebook

SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8")
SLOW = SOLUTION + "\nimport time\ntime.sleep(4)  # a slow import: the grading is under way when it is stopped\n"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="sends POSIX signals")


def klass(root, sources: dict[str, str]):
    for student, source in sources.items():
        folder = root / "subs" / student / "exercises" / "ex01_generators"
        folder.mkdir(parents=True)
        (folder / "fib.py").write_text(source, encoding="utf-8")
    return root / "subs", root / "book.sqlite"


def start_batch(subs, db):
    return subprocess.Popen([sys.executable, "-m", "grader", "batch", str(subs), "--db", str(db), "-j", "2",
                             "--exercise", "ex01", "--path", str(REPO)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def rows(db, table: str) -> list:
    with sqlite3.connect(db) as c:
        return c.execute(f"SELECT * FROM {table}").fetchall()


def under_way(db) -> bool:
    try:
        return bool(rows(db, "running"))
    except sqlite3.OperationalError:  # not made yet
        return False


@posix_only
@pytest.mark.parametrize("signals", [[signal.SIGINT], [signal.SIGINT, signal.SIGINT], [signal.SIGTERM]],
                         ids=["Ctrl-C", "Ctrl-C twice", "SIGTERM"])
def test_an_interrupted_batch_stores_nothing_unfinished_and_resumes_it(tmp_path, signals, no_process_left):
    subs, db = klass(tmp_path, {"ana": SLOW, "ben": SLOW})
    proc = start_batch(subs, db)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not under_way(db):
        time.sleep(0.1)
    for signum in signals:
        proc.send_signal(signum)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "Interrupted" in err and "Traceback" not in out + err, err
    assert rows(db, "results") == [] and rows(db, "running") == [] and rows(db, "deaths") == []
    resumed = grade("batch", str(subs), "--db", str(db), "--exercise", "ex01", "--path", str(REPO))
    assert resumed.out.startswith("2 gradings to run"), resumed.out
    book = Gradebook(db)
    assert {r.student: r.results[0].score for r in book.records()} == {"ana": 100, "ben": 100}
    book.close()


def test_a_grading_the_grader_died_in_is_graded_again_once_then_blamed(tmp_path):
    subs, db = klass(tmp_path, {"ana": SOLUTION, "ben": SOLUTION})
    book = Gradebook(db)
    run = batch.Batch(Workspace(REPO), subs, book, exercises=(batch.manifest.find("ex01"),))
    try:
        digest = run.plan().shared[0].content_hash
        book.begin("ben", "ex01", digest)  # as a grader killed during ben's grading leaves it
        first = run.plan()
        assert first.died_during == [("ben", "ex01", 1)] and len(first.shared) == 2  # graded again
        book.begin("ben", "ex01", digest)  # ... and killed there once more
        second = run.plan()
        assert second.died_during == [("ben", "ex01", 2)] and [j.student for j in second.shared] == ["ana"]
        (ben,) = [r for r in book.records() if r.student == "ben"]
        assert ben.results[0].score == 0 and "died 2 times while grading this very submission" in \
            ben.results[0].problem.en
    finally:
        run.close()
        book.close()


def test_a_second_batch_on_the_same_gradebook_is_refused(tmp_path):
    subs, db = klass(tmp_path, {"ana": SOLUTION})
    first = Gradebook(db)
    first.hold_for_batch()
    try:
        run = grade("batch", str(subs), "--db", str(db), "--exercise", "ex01", "--path", str(REPO))
    finally:
        first.close()
    assert run.code == 2 and "Another `grade batch` is using" in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("content", [b"not a database at all", None], ids=["garbage", "other-sqlite"])
def test_export_refuses_a_file_that_is_not_a_gradebook_and_leaves_it_alone(tmp_path, content):
    db = tmp_path / "gradebook.sqlite"
    if content is None:
        with sqlite3.connect(db) as c:
            c.execute("CREATE TABLE invoices (id INTEGER)")
    else:
        db.write_bytes(content)
    before = db.read_bytes()
    run = grade("export", str(tmp_path / "out"), "--db", str(db))
    assert run.code == 2 and "is not a hamzaman gradebook" in run.err and "Internal error" not in run.err
    assert db.read_bytes() == before and not (tmp_path / "out").exists()
    with pytest.raises(NotAGradebook):
        Gradebook(db)


def test_export_of_a_missing_gradebook_or_into_an_unwritable_place_says_why(tmp_path):
    run = grade("export", str(tmp_path / "out"), "--db", str(tmp_path / "none.sqlite"))
    assert run.code == 2 and "No gradebook at" in run.err
    db = tmp_path / "book.sqlite"
    Gradebook(db).close()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # even root cannot make a folder inside a file
    run = grade("export", str(blocker / "out"), "--db", str(db))
    assert run.code == 2 and "Cannot write the exports" in run.err and "Internal error" not in run.err, run.err
