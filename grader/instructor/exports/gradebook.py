"""The gradebook as one JSON document: the exercises and their checks, then every student."""
from __future__ import annotations

from pathlib import Path

from grader.core.files import dump_json
from grader.core.records import StudentRecord
from grader.instructor.exports.common import exercises_of

FORMAT = "hamzaman-gradebook"
VERSION = 1


def to_json(records: list[StudentRecord], lang: str) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "lang": lang,
        "exercises": [
            {"id": ex.id, "slug": ex.slug, "title": ex.title(lang),
             "checks": [{"id": c.id, "points": c.points, "lesson": c.lesson, "hidden": c.hidden}
                        for c in ex.checks]}
            for ex in exercises_of(records)
        ],
        "students": [
            {"student": r.student, "total": r.total,
             "problem": r.problem(lang) if r.problem else None,
             "exercises": [result.to_json(lang) for result in r.results]}
            for r in records
        ],
    }


def write_json(records: list[StudentRecord], path: Path, lang: str = "en") -> Path:
    return dump_json(path, to_json(records, lang))
