"""The gradebook as CSV: a row per student, a column per exercise, a total.

Written as UTF-8 *with* a byte-order mark (``utf-8-sig``) by default: Excel
decodes a CSV file without one in the legacy ANSI code page, which turns
Persian names into mojibake, while LibreOffice, pandas (``encoding="utf-8-sig"``)
and Google Sheets accept the mark. ``bom=False`` gives plain UTF-8 for tools
that would read the mark as part of the first header.
"""
from __future__ import annotations

import csv
from pathlib import Path

from grader.core.records import StudentRecord
from grader.instructor.exports.common import exercises_of

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A name starting like a formula would run as one in a spreadsheet (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(records: list[StudentRecord], lang: str) -> list[list[str | int]]:
    exercises = exercises_of(records)
    table: list[list[str | int]] = [["student", *(ex.id for ex in exercises), "total", "problem", "set by hand"]]
    for record in records:
        scores = {r.exercise.id: r.score for r in record.results}
        problem = record.problem(lang) if record.problem else ""
        by_hand = "; ".join(f"{r.exercise.id} {c.id} {c.points}/{c.max_points}"
                            for r in record.results for c in r.checks if c.override)
        table.append([spreadsheet_cell(record.student), *(scores.get(ex.id, "") for ex in exercises),
                      record.total, spreadsheet_cell(problem), spreadsheet_cell(by_hand)])
    return table


def write_csv(records: list[StudentRecord], path: Path, lang: str = "en", *, bom: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", errors="replace", newline="") as f:
        csv.writer(f).writerows(rows(records, lang))
    return path
