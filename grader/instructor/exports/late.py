"""``late.csv``: per student and exercise, when it was handed in, how late, the penalty the course
file sets, and the score before and after it (the penalty never changes the gradebook)."""
from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from grader.core.records import StudentRecord
from grader.instructor.exports.table import spreadsheet_cell
from grader.instructor.lateness import Course, Handed

HEADER = ["student", "exercise", "handed in", "from", "deadline", "hours late", "penalty %", "score",
          "score after penalty"]


def rows(records: list[StudentRecord], handed: dict[tuple[str, str], Handed], course: Course) -> list[list]:
    table = []
    for record in records:
        for result in record.results:
            when = handed.get((record.student, result.exercise.id))
            hours, percent = course.penalty(result.exercise.id, when)
            deadline = course.deadlines.get(result.exercise.id)
            table.append([spreadsheet_cell(record.student), result.exercise.id,
                          when.at.isoformat() if when else "", when.source if when else "",
                          deadline.isoformat() if deadline else "", round(hours, 2), percent, result.score,
                          round(result.score * (100 - percent) / 100)])
    return table


def write_late(records: list[StudentRecord], handed: dict[tuple[str, str], tuple[str, str]], course: Course,
               path: Path) -> tuple[Path, int]:
    """The file, and how many exercises were handed in late enough to lose points."""
    known = {key: Handed(datetime.fromisoformat(at), source) for key, (at, source) in handed.items()}
    table = rows(records, known, course)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER, *table])
    return path, sum(1 for row in table if row[6])
