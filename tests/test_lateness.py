"""Due dates and late penalties: when each exercise was handed in (git commit, zip entry, file time),
and late.csv's penalty, kept apart from the score."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from conftest import REPO, grade

from grader.core.manifest import find
from grader.instructor.lateness import FILES, GIT, ZIP, Course, Handed, handed_in, read_course
from grader.instructor.submissions import discover, open_entry

EX01 = find("ex01")
SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_bytes()
TEHRAN = timezone(timedelta(hours=3, minutes=30))
DEADLINE = datetime(2026, 10, 1, 23, 59, tzinfo=TEHRAN)
COURSE = f"""timezone = "Asia/Tehran"
[late]
per_day = 10
cap = 30
grace_minutes = 15
[deadlines]
ex01 = {DEADLINE.isoformat()}
"""


@pytest.mark.parametrize("late,percent", [(timedelta(hours=-1), 0), (timedelta(minutes=10), 0),
                                          (timedelta(hours=2), 10), (timedelta(hours=25), 20),
                                          (timedelta(days=9), 30)])
def test_the_penalty_per_started_day_with_a_grace_period_and_a_cap(late, percent, tmp_path):
    (tmp_path / "course.toml").write_text(COURSE, encoding="utf-8")
    course = read_course(tmp_path / "course.toml")
    assert course.penalty("ex01", Handed(DEADLINE + late, FILES))[1] == percent
    assert course.penalty("ex02", Handed(DEADLINE + late, FILES)) == (0.0, 0.0)  # no deadline: never late


def test_a_zip_time_has_no_zone_so_the_courses_is_used(tmp_path):
    (tmp_path / "course.toml").write_text(COURSE, encoding="utf-8")
    course = read_course(tmp_path / "course.toml")
    naive = (DEADLINE + timedelta(hours=2)).replace(tzinfo=None)  # 2 h late in Tehran, on time in UTC
    assert course.penalty("ex01", Handed(naive, ZIP))[1] == 10


def _class(tmp_path):
    subs = tmp_path / "subs"
    repo = subs / "git_user"
    (repo / "ex01_generators").mkdir(parents=True)
    (repo / "ex01_generators" / "fib.py").write_bytes(SOLUTION)
    when = (DEADLINE + timedelta(hours=30)).isoformat()  # two started days late
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when, "GIT_AUTHOR_NAME": "s",
           "GIT_AUTHOR_EMAIL": "s@example.org", "GIT_COMMITTER_NAME": "s", "GIT_COMMITTER_EMAIL": "s@example.org"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "done"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)
    with zipfile.ZipFile(subs / "zip_user.zip", "w") as z:
        on_time = (DEADLINE - timedelta(hours=1)).replace(tzinfo=None)
        z.writestr(zipfile.ZipInfo("ex01_generators/fib.py", on_time.timetuple()[:6]), SOLUTION)
    folder = subs / "folder_user" / "ex01_generators"
    folder.mkdir(parents=True)
    (folder / "fib.py").write_bytes(SOLUTION)
    late = (DEADLINE + timedelta(hours=3)).timestamp()
    os.utime(folder / "fib.py", (late, late))
    return subs


@pytest.mark.skipif(shutil.which("git") is None, reason="no git on this machine")
def test_each_source_of_the_time(tmp_path):
    subs = _class(tmp_path)
    found = {e.name: handed_in(e, open_entry(e, tmp_path / "scratch" / e.name), EX01) for e in discover(subs)}
    assert found["git_user"].source == GIT and found["git_user"].at == DEADLINE + timedelta(hours=30)
    assert found["zip_user"].source == ZIP and found["zip_user"].at.tzinfo is None
    assert found["folder_user"].source == FILES and found["folder_user"].at == DEADLINE + timedelta(hours=3)


@pytest.mark.skipif(shutil.which("git") is None, reason="no git on this machine")
def test_late_csv_shows_the_penalty_apart_from_the_score(tmp_path):
    subs = _class(tmp_path)
    db, out, course = tmp_path / "book.sqlite", tmp_path / "out", tmp_path / "course.toml"
    course.write_text(COURSE, encoding="utf-8")
    assert grade("batch", str(subs), "--db", str(db), "--exercise", "ex01", "--path", str(REPO)).code == 0
    run = grade("export", str(out), "--db", str(db), "--course", str(course))
    assert run.code == 0 and "2 exercise(s) handed in late" in run.out, run.out + run.err
    with (out / "late.csv").open(encoding="utf-8-sig") as f:
        rows = {row["student"]: row for row in csv.DictReader(f)}
    assert rows["git_user"]["from"] == GIT and rows["git_user"]["penalty %"] == "20.0"
    assert rows["git_user"]["score"] == "100" and rows["git_user"]["score after penalty"] == "80"
    assert rows["zip_user"]["penalty %"] == "0.0" and rows["zip_user"]["score after penalty"] == "100"
    assert rows["folder_user"]["penalty %"] == "10.0"
    grades = (out / "grades.csv").read_text(encoding="utf-8-sig")
    assert "git_user,100," in grades  # the raw score is unchanged everywhere else


@pytest.mark.parametrize("text,said", [("[deadlines]\nex99 = 2026-10-01T23:59:00Z\n", "not an exercise"),
                                       ("[deadlines]\nex01 = \"tomorrow\"\n", "not a date and time"),
                                       ("timezone = \"Mars/Olympus\"\n", "unknown timezone"),
                                       ("[late]\nper_day = -5\n", "at least 0"),
                                       ("not toml at all [", "Cannot read")])
def test_a_bad_course_file_is_a_usage_error(tmp_path, text, said):
    from grader.instructor.gradebook import Gradebook

    Gradebook(tmp_path / "book.sqlite").close()
    (tmp_path / "course.toml").write_text(text, encoding="utf-8")
    run = grade("export", str(tmp_path / "out"), "--db", str(tmp_path / "book.sqlite"),
                "--course", str(tmp_path / "course.toml"))
    assert run.code == 2 and said in run.err and "Traceback" not in run.err, run.err
