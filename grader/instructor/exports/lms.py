"""Grade-import CSVs for Canvas and Moodle, from a roster that maps submissions to student ids.

The roster is a CSV with a header: ``submission`` (the entry name `grade batch` used: folder or
zip stem) and ``student_id`` are required, ``name`` and ``email`` optional. A student on the
roster with no submission still gets a row, with empty grades (the LMS then shows no grade rather
than a 0 nobody decided); a submission nobody on the roster owns gets no row, and both are
reported, never silently dropped.

- Canvas (Grades, Import): ``Student, ID, SIS User ID, SIS Login ID, Section`` and one column per
  exercise, then a "Points Possible" row; students are matched by SIS User ID.
- Moodle (Grades, Import, CSV file): ``ID number, Email address, Full name`` and one column per
  exercise; map "ID number" to the user field of the same name on import.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from grader.core.records import StudentRecord
from grader.instructor.exports.common import exercises_of
from grader.instructor.exports.table import spreadsheet_cell

REQUIRED = ("submission", "student_id")


class BadRoster(ValueError):
    """The roster cannot be read: the message says which line and what to fix."""


@dataclass(frozen=True)
class Student:
    submission: str
    student_id: str
    name: str = ""
    email: str = ""


@dataclass
class Matched:
    rows: list[tuple[Student, StudentRecord | None]] = field(default_factory=list)
    missing: list[Student] = field(default_factory=list)  # on the roster, no submission
    extra: list[str] = field(default_factory=list)  # submitted, not on the roster


def read_roster(path: Path) -> list[Student]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            absent = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if absent:
                raise BadRoster(f"{path}: the header has no {', '.join(absent)} column (it needs "
                                f"{', '.join(REQUIRED)}; name and email are optional)")
            students, seen = [], set()
            for line, row in enumerate(reader, 2):
                submission, student_id = (row["submission"] or "").strip(), (row["student_id"] or "").strip()
                if not submission or not student_id:
                    raise BadRoster(f"{path}:{line}: submission and student_id must both be filled in")
                if submission in seen:
                    raise BadRoster(f"{path}:{line}: the submission {submission!r} is listed twice")
                seen.add(submission)
                students.append(Student(submission, student_id, (row.get("name") or "").strip(),
                                        (row.get("email") or "").strip()))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise BadRoster(f"Cannot read the roster {path}: {e}") from None
    return students


def match(records: list[StudentRecord], roster: list[Student]) -> Matched:
    by_name = {r.student: r for r in records}
    found = Matched()
    for student in roster:
        record = by_name.get(student.submission)
        found.rows.append((student, record))
        if record is None:
            found.missing.append(student)
    listed = {s.submission for s in roster}
    found.extra = [r.student for r in records if r.student not in listed]
    return found


def _scores(record: StudentRecord | None, ids: list[str]) -> list[int | str]:
    scores = {r.exercise.id: r.score for r in record.results} if record else {}
    return [scores.get(ex_id, "") for ex_id in ids]


def write_canvas(records: list[StudentRecord], matched: Matched, path: Path, lang: str = "en") -> Path:
    exercises = exercises_of(records)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                         *(f"{ex.id} {ex.title(lang)}" for ex in exercises)])
        writer.writerow(["Points Possible", "", "", "", "", *(100 for _ in exercises)])
        for student, record in matched.rows:
            writer.writerow([spreadsheet_cell(student.name or student.submission), "", spreadsheet_cell(student.student_id),
                             spreadsheet_cell(student.email), "", *_scores(record, [ex.id for ex in exercises])])
    return path


def write_moodle(records: list[StudentRecord], matched: Matched, path: Path, lang: str = "en") -> Path:
    exercises = exercises_of(records)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["ID number", "Email address", "Full name", *(f"{ex.id} {ex.title(lang)}" for ex in exercises)])
        for student, record in matched.rows:
            writer.writerow([spreadsheet_cell(student.student_id), spreadsheet_cell(student.email),
                             spreadsheet_cell(student.name or student.submission),
                             *_scores(record, [ex.id for ex in exercises])])
    return path


def report(matched: Matched) -> str:
    lines = [f"{len(matched.rows) - len(matched.missing)} of {len(matched.rows)} students on the roster have a grade."]
    if matched.missing:
        lines.append(f"On the roster, no submission ({len(matched.missing)}; their grades are left empty): "
                     + ", ".join(f"{s.submission} ({s.student_id})" for s in matched.missing))
    if matched.extra:
        lines.append(f"Submitted, not on the roster ({len(matched.extra)}; not in the LMS files): "
                     + ", ".join(matched.extra))
    return "\n".join(lines)
