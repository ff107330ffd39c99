"""Helpers of the class exports: which exercises appear, and a safe, distinct file name per student."""
from __future__ import annotations

import re

from grader.core.manifest import Exercise
from grader.core.records import StudentRecord

_NOT_IN_NAME = re.compile(r"[^\w.-]+")
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def exercises_of(records: list[StudentRecord]) -> list[Exercise]:
    """Every exercise graded for at least one student, in manifest order."""
    seen: dict[str, Exercise] = {}
    for record in records:
        for result in record.results:
            seen.setdefault(result.exercise.id, result.exercise)
    return sorted(seen.values(), key=lambda ex: ex.number)


def file_stem(student: str) -> str:
    """A file name for a student that stays inside the export folder on every OS."""
    stem = _NOT_IN_NAME.sub("_", student).strip("._")[:100] or "student"
    return f"_{stem}" if stem.upper() in _WINDOWS_DEVICES else stem


def unique_stems(records: list[StudentRecord]) -> list[str]:
    """A file stem per record, in order, distinct even where names differ only in case or symbols."""
    stems, used = [], set()
    for record in records:
        stem, n = file_stem(record.student), 1
        while stem.lower() in used:
            n += 1
            stem = f"{file_stem(record.student)}-{n}"
        used.add(stem.lower())
        stems.append(stem)
    return stems


