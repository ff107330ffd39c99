"""Exports of a batch: built from StudentRecords alone, so these tests need no grading run."""
from __future__ import annotations

import base64
import csv
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import grade

from grader.core import manifest
from grader.core.manifest import Text
from grader.core.records import StudentRecord
from grader.core.results import FAILED, PASSED, SKIPPED, CheckResult, ExerciseResult
from grader.instructor.exports import (
    feedback,
    gradebook,
    gradescope,
    junit,
    stats,
    table,
)
from grader.views import classroom_json as classroom
from grader.views.fields import scaled_points

EX01, EX08 = manifest.find("ex01"), manifest.find("ex08")
NASTY_OUTPUT = "before\x00\x1b[31m<b>red</b>\udcff ``` after"


def result(ex, failed=(), skipped=(), problem=None, output=""):
    checks = []
    for c in ex.checks:
        status = SKIPPED if c.id in skipped else FAILED if (c.id in failed or problem) else PASSED
        msg = None if status == PASSED else Text(fa=f"پیام فارسی {c.id}", en=f"observed wrong {c.id}")
        checks.append(CheckResult(c.id, status, c.points, msg, duration=0.01,
                                  output=output if status == FAILED else ""))
    return ExerciseResult(ex, checks, problem=problem, duration=0.5)


@pytest.fixture
def records():
    broken = Text(fa="خطای نحوی", en="Syntax error in fib.py:3")
    return [
        StudentRecord("=cmd|' /C calc'!A0", [result(EX01), result(EX08)]),
        StudentRecord("سارا احمدی", [result(EX01, failed={"take_negative", "fib_sequence"}, output=NASTY_OUTPUT),
                                     result(EX08, skipped={"book_race"}, failed={"no_deadlock"})]),
        StudentRecord("../../etc/passwd", [result(EX01, problem=broken), result(EX08, failed={"no_deadlock"})]),
        StudentRecord("broken.zip", [], problem=Text(fa="zip خراب است", en="corrupt zip")),
    ]


def test_scaled_points_add_up_to_the_score():
    r = result(EX08, skipped={"book_race"}, failed={"book_validation"})
    points = scaled_points(r)
    assert sum(points.values()) == r.score
    assert points["book_race"] == 0 and points["book_validation"] == 0


@pytest.mark.parametrize("bom", [True, False])
def test_csv_row_per_student_column_per_exercise(records, tmp_path, bom):
    path = table.write_csv(records, tmp_path / "grades.csv", "en", bom=bom)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["student", "ex01", "ex08", "total", "problem", "set by hand"]
    assert rows[1][0].startswith("'=")  # a formula in a name is defused
    assert rows[1][1:4] == ["100", "100", "200"]
    assert rows[2][0] == "سارا احمدی"
    assert rows[3][1] == "0"
    assert rows[4][1:4] == ["", "", "0"] and rows[4][4] == "corrupt zip"


def test_json_gradebook(records, tmp_path):
    data = json.loads(gradebook.write_json(records, tmp_path / "g.json", "fa").read_text("utf-8"))
    assert [e["id"] for e in data["exercises"]] == ["ex01", "ex08"]
    assert data["students"][1]["student"] == "سارا احمدی"
    assert data["students"][3]["problem"] == "zip خراب است"
    assert data["students"][0]["exercises"][0]["score"] == 100


def test_junit_is_well_formed_and_complete(records, tmp_path):
    path = junit.write_junit(records, tmp_path / "junit.xml", "en")
    root = ET.parse(path).getroot()  # raises on ill-formed XML (the NUL and escape code in the output)
    suites = root.findall("testsuite")
    assert len(suites) == 7  # 3 students × 2 exercises + one unusable submission
    sara = next(s for s in suites if s.get("name") == "سارا احمدی/ex01")
    failures = {c.get("name"): c.find("failure") for c in sara.findall("testcase")}
    assert failures["take_negative"].get("message") == "observed wrong take_negative"
    assert "Re-read: lesson 5" in failures["take_negative"].text
    assert failures["fib_sequence"] is not None and failures["take_values"] is None
    out = next(c for c in sara.findall("testcase") if c.get("name") == "take_negative").find("system-out").text
    assert "<b>red</b>" in out and "\x00" not in out
    ex08 = next(s for s in suites if s.get("name") == "سارا احمدی/ex08")
    assert ex08.get("skipped") == "1" and ex08.get("failures") == "1"
    broken = next(s for s in suites if s.get("name") == "../../etc/passwd/ex01")
    assert broken.get("errors") == str(len(EX01.checks)) and broken.get("failures") == "0"
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites))


def _gradescope_schema_errors(data: dict) -> list[str]:
    """The fields of https://gradescope-autograders.readthedocs.io/en/latest/specs/ we rely on."""
    errors = []
    if not isinstance(data.get("score"), (int, float)):
        errors.append("score")
    for t in data.get("tests", []):
        if not isinstance(t.get("name"), str) or not isinstance(t.get("max_score"), (int, float)):
            errors.append(f"test {t}")
        if t.get("status") not in (None, "passed", "failed"):
            errors.append(f"status {t}")
        if t.get("visibility") not in ("visible", "hidden", "after_due_date", "after_published"):
            errors.append(f"visibility {t}")
        if not 0 <= t["score"] <= t["max_score"] and t.get("status") is not None:
            errors.append(f"score {t}")
    return errors


def test_gradescope_results(records, monkeypatch):
    data = gradescope.results_json(records[1], "fa")
    assert _gradescope_schema_errors(data) == []
    assert data["score"] == records[1].total
    by_id = {t["name"].rsplit("(", 1)[1].rstrip(")").split()[-1]: t for t in data["tests"]}
    assert by_id["take_negative"]["status"] == "failed" and "پیام فارسی" in by_id["take_negative"]["output"]
    assert "status" not in by_id["book_race"] and by_id["book_race"]["max_score"] == 0
    hidden = {c.id for ex in (EX01, EX08) for c in ex.checks if c.hidden}
    assert hidden and all((t["visibility"] == "hidden") == (check in hidden) for check, t in by_id.items())


def test_gradescope_hides_instructor_only_checks():
    hidden_ex = EX01.__class__(**{**EX01.__dict__, "checks": tuple(
        c.__class__(**{**c.__dict__, "hidden": c.id == "take_negative"}) for c in EX01.checks)})
    data = gradescope.results_json(StudentRecord("s", [result(hidden_ex, failed={"take_negative"})]), "en")
    hidden = [t for t in data["tests"] if t["visibility"] == "hidden"]
    assert len(hidden) == 1 and "take_negative" in hidden[0]["name"]


def test_classroom_results(records):
    ok = classroom.results_json(records[0], "en")
    assert ok["version"] == 3 and ok["status"] == "pass" and ok["message"] is None
    assert sum(t["score"] for t in ok["tests"]) == ok["max_score"] == 200
    sara = classroom.results_json(records[1], "en")
    assert sara["status"] == "fail"
    assert sum(t["score"] for t in sara["tests"]) == records[1].total
    assert all(set(t) >= {"name", "status", "message", "output", "test_code", "task_id", "score"} for t in sara["tests"])
    assert len(sara["tests"]) == len(EX01.checks) + len(EX08.checks) - 1  # the skipped check is left out
    half = classroom.results_json(records[2], "en")
    assert half["status"] == "fail" and {t["status"] for t in half["tests"] if t["task_id"] == 1} == {"error"}
    broken = classroom.results_json(records[3], "en")
    assert broken["status"] == "error" and broken["message"] == "corrupt zip" and broken["tests"] == []


def test_feedback_files(records, tmp_path):
    written = feedback.write_feedback(records, tmp_path / "fb")
    assert all(p.parent == tmp_path / "fb" for p in written)  # no name escapes the folder
    assert len({p.name for p in written}) == len(written) == 16  # Markdown and HTML, in two languages
    fa = (tmp_path / "fb" / "سارا_احمدی.fa.md").read_text("utf-8")
    assert fa.startswith('<div dir="rtl" markdown="1">') and fa.rstrip().endswith("</div>")
    blocks = re.findall(r'<div dir="rtl"[^>]*>(.*?)</div>', fa, re.DOTALL)
    assert "````" in fa and not [b for b in blocks if "```" in b]  # code blocks stand between the Persian blocks
    assert "پیام فارسی take\\_negative" in fa and "جلسهٔ ۵" in fa and "take_values" not in fa
    assert "<b>" not in fa.replace("```", "")[: fa.find("````")]  # student output only inside a fence
    en = (tmp_path / "fb" / "سارا_احمدی.en.md").read_text("utf-8")
    assert "observed wrong no\\_deadlock" in en and "Why:" in en and "dir=" not in en
    assert "book\\_group" in en  # names in prose do not turn into Markdown emphasis
    assert "skipped" in en
    page = (tmp_path / "fb" / "سارا_احمدی.fa.html").read_text("utf-8")  # the student report's renderer
    assert page.startswith("<!DOCTYPE html>") and 'dir="rtl"' in page and "سارا احمدی" in page
    assert "<b>red</b>" not in page and "&lt;b&gt;red&lt;/b&gt;" in page  # student output escaped


def test_check_stats(records):
    rows = stats.check_stats(records, "en")
    top = rows[0]
    assert (top.exercise.id, top.check) == ("ex08", "no_deadlock")
    assert top.failed == 2 and top.graded == 3 and top.messages == [("observed wrong no_deadlock", 2)]
    take = next(r for r in rows if r.check == "take_negative")
    assert take.graded == 2 and take.failed == 1  # the unloadable submission is not counted
    race = next(r for r in rows if r.check == "book_race")
    assert race.skipped == 1 and race.fail_rate == 0
    text = stats.render_stats(rows, "en")
    assert text.splitlines()[1].startswith("ex08") and "2 × observed wrong no_deadlock" in text
    assert "book_race" not in text


def test_classroom_command_hands_github_the_points(workspace, tmp_path):
    ws = workspace("ex01_generators")
    step_output = tmp_path / "github_output"
    run = grade("classroom", "ex01", "--path", str(ws), "--out", str(tmp_path / "r.json"),
                env={"GITHUB_OUTPUT": str(step_output)})
    assert run.code == 0, run.err
    assert "fail: 0/100 points" in run.out
    key, _, value = step_output.read_text("utf-8").strip().partition("=")
    data = json.loads(base64.b64decode(value))
    assert key == "result" and data == json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert data["version"] == 3 and data["max_score"] == 100 and len(data["tests"]) == len(EX01.checks)


def test_export_command_writes_every_format_from_a_gradebook(records, tmp_path):
    from grader.instructor.gradebook import Gradebook

    book = Gradebook(tmp_path / "gb.sqlite")
    for record in records:  # SQLite refuses a lone surrogate (reported to the lead): keep the rest
        for r in record.results:
            for c in r.checks:
                c.output = c.output.replace("\udcff", "?")
        book.add_student(record.student, record.student)
        for r in record.results:
            book.save(record.student, r, "hash", "v", "2026-01-01T00:00:00Z")
        book.set_problem(record.student, record.problem)
    book.close()
    run = grade("export", str(tmp_path / "out"), "--db", str(tmp_path / "gb.sqlite"), "--lang", "fa")
    assert run.code == 0, run.err
    out = tmp_path / "out"
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"grades.csv", "gradebook.json", "junit.xml", "check-stats.txt"} <= names
    assert len([n for n in names if n.startswith("feedback/")]) == 4 * len(records)
    assert len([n for n in names if n.startswith("gradescope/")]) == len(records)
    assert len([n for n in names if n.startswith("classroom/")]) == len(records)
    ET.parse(out / "junit.xml")
    rows = list(csv.reader((out / "grades.csv").read_text("utf-8-sig").splitlines()))
    totals = {row[0]: row[rows[0].index("total")] for row in rows}
    assert totals["سارا احمدی"] == str(records[1].total)


def test_junit_reports_a_stopped_check_as_an_error():
    r = result(EX08, failed={"no_deadlock", "book_basic"})
    next(c for c in r.checks if c.id == "no_deadlock").incident = "timeout"
    suite = junit.to_junit([StudentRecord("s", [r])], "en").find("testsuite")
    assert (suite.get("errors"), suite.get("failures")) == ("1", "1")
    case = next(c for c in suite.findall("testcase") if c.get("name") == "no_deadlock")
    assert case.find("error").get("type") == "timeout"


def test_file_stems_stay_in_the_folder_and_apart():
    from grader.instructor.exports.common import unique_stems

    names = ["../../etc/passwd", "CON", "Sara", "sara", "سارا احمدی", "..."]
    stems = unique_stems([StudentRecord(n) for n in names])
    assert stems == ["etc_passwd", "_CON", "Sara", "sara-2", "سارا_احمدی", "student"]


def test_points_set_by_hand_survive_a_regrade_and_show_in_every_export(tmp_path):
    """An instructor's override (an appeal) is kept apart from the verdicts and marked wherever points go."""
    from grader.core.results import Override
    from grader.instructor.exports.everything import write_all
    from grader.instructor.gradebook import Gradebook

    book = Gradebook(tmp_path / "book.sqlite")
    try:
        book.add_student("sara", "subs/sara")
        book.save("sara", result(EX01, failed={"take_negative"}), "hash1", "v1", "2026-12-01T10:00:00+00:00")
        book.set_override("sara", "ex01", "take_negative", Override(7, "appeal: off by one accepted", "now"))
        book.save("sara", result(EX01, failed={"take_negative"}), "hash2", "v2", "2026-12-02T10:00:00+00:00")
        (record,) = book.records()
        check = record.results[0].checks[[c.id for c in EX01.checks].index("take_negative")]
        assert check.override.points == check.points == 7
        assert 0 < 100 - record.results[0].score < 100 * EX01.check("take_negative").points / 100
        written = write_all(book.records(), tmp_path / "out", "en")
        for path in written:  # the comment, or in the CSV's own column the check and its points
            mark = {"grades.csv": "ex01 take_negative 7/10", "check-stats.txt": ""}.get(path.name,
                                                                                      "appeal: off by one accepted")
            assert mark in path.read_text(encoding="utf-8-sig"), path
        gs = json.loads((tmp_path / "out" / "gradescope" / "sara.json").read_text(encoding="utf-8"))
        assert gs["score"] == record.total and sum(t["score"] for t in gs["tests"]) == record.total
        assert book.set_override("sara", "ex01", "take_negative", None)
        assert book.records()[0].results[0].checks[[c.id for c in EX01.checks].index("take_negative")].points == 0
        assert not book.set_override("sara", "ex01", "take_negative", None)
    finally:
        book.close()


def test_override_command(tmp_path):
    from grader.instructor.gradebook import Gradebook

    db = tmp_path / "book.sqlite"
    book = Gradebook(db)
    book.add_student("sara", "subs/sara")
    book.save("sara", result(EX01, failed={"take_negative"}), "h", "v", "2026-12-01T10:00:00+00:00")
    book.close()
    most = EX01.check("take_negative").points
    ok = grade("override", "sara", "ex01", "take_negative", "4", "--comment", "partial credit", "--db", str(db))
    assert ok.code == 0 and f"4/{most}" in ok.out, ok.err
    for args, said in [(("sarah", "ex01", "take_negative", "4", "--comment", "x"), "sara"),
                       (("sara", "ex01", "take_negativ", "4", "--comment", "x"), "take_negative"),
                       (("sara", "ex01", "take_negative", str(most + 1), "--comment", "x"), f"0 to {most}"),
                       (("sara", "ex01", "take_negative", "4"), "--comment"),
                       (("sara", "ex01", "take_negative", "4", "--remove"), "--remove")]:
        refused = grade("override", *args, "--db", str(db))
        assert refused.code == 2 and said in refused.err and "Traceback" not in refused.err, (args, refused.err)
    removed = grade("override", "sara", "ex01", "take_negative", "--remove", "--db", str(db))
    assert removed.code == 0 and "counts again" in removed.out


def test_lms_grade_imports_from_a_roster_report_missing_and_extra_students(tmp_path):
    """Canvas and Moodle CSVs: a row per roster student (empty grades when nothing was handed in), and
    a submission nobody on the roster owns reported, not dropped silently."""
    from grader.instructor.gradebook import Gradebook

    db = tmp_path / "book.sqlite"
    book = Gradebook(db)
    for student, failed in (("sara", {"take_negative"}), ("=ali", set()), ("stranger", set())):
        book.add_student(student, f"subs/{student}")
        book.save(student, result(EX01, failed=failed), "h", "v", "2026-12-01T10:00:00+00:00")
    sara = book.records()[[r.student for r in book.records()].index("sara")].results[0].score
    book.close()
    roster = tmp_path / "roster.csv"
    roster.write_text("submission,student_id,name,email\nsara,4001,Sara Ahmadi,sara@uni.example\n"
                      "=ali,4002,,\nreza,4003,Reza,\n", encoding="utf-8")
    run = grade("export", str(tmp_path / "out"), "--db", str(db), "--roster", str(roster))
    assert run.code == 0, run.err
    assert "2 of 3 students" in run.out and "reza (4003)" in run.out and "stranger" in run.out
    canvas = list(csv.reader((tmp_path / "out" / "canvas.csv").read_text(encoding="utf-8").splitlines()))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and canvas[0][5].startswith("ex01")
    assert canvas[1][0] == "Points Possible" and canvas[1][5] == "100"
    by_id = {row[2]: row for row in canvas[2:]}
    assert by_id["4001"][0] == "Sara Ahmadi" and by_id["4001"][5] == str(sara)
    assert by_id["4002"][0] == "'=ali" and by_id["4002"][5] == "100"  # a formula in a name is defused
    assert by_id["4003"][5] == "" and "stranger" not in str(canvas)
    moodle = list(csv.reader((tmp_path / "out" / "moodle.csv").read_text(encoding="utf-8").splitlines()))
    assert moodle[0][:3] == ["ID number", "Email address", "Full name"]
    assert [row[0] for row in moodle[1:]] == ["4001", "4002", "4003"] and moodle[1][1] == "sara@uni.example"
    assert "reza (4003)" in (tmp_path / "out" / "roster-report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("text,said", [("name,id\nsara,1\n", "no submission, student_id column"),
                                       ("submission,student_id\nsara,\n", ":2: submission and student_id"),
                                       ("submission,student_id\nsara,1\nsara,2\n", "listed twice")])
def test_a_bad_roster_is_a_usage_error_naming_the_line(tmp_path, text, said):
    from grader.instructor.gradebook import Gradebook

    Gradebook(tmp_path / "book.sqlite").close()
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    run = grade("export", str(tmp_path / "out"), "--db", str(tmp_path / "book.sqlite"), "--roster", str(roster))
    assert run.code == 2 and said in run.err and "Traceback" not in run.err, run.err


def test_identical_submissions_keep_names_with_commas_whole(tmp_path):
    from grader.instructor.gradebook import Gradebook

    book = Gradebook(tmp_path / "book.sqlite")
    try:
        for student, digest in (("Ahmadi, Sara", "same"), ("reza", "same"), ("nima", "other")):
            book.add_student(student, student)
            book.save(student, result(EX01), digest, "v", "2026-12-01T10:00:00+00:00")
        assert book.identical() == [("ex01", "same", ["Ahmadi, Sara", "reza"])]
    finally:
        book.close()
