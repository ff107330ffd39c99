"""The class's gradebook: a SQLite file with one row per student × exercise × check.

Each row carries the submission's content hash and the grader's version, so a
batch that is interrupted (Ctrl-C, kill -9, power loss) resumes with what is
missing, and an unchanged submission is not graded again. A grading's rows are
written in one transaction: a row is there entirely, or not at all.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

from . import manifest
from .gradebook_model import StudentRecord
from .manifest import Text
from .results import CheckResult, ExerciseResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    student TEXT NOT NULL, exercise TEXT NOT NULL, check_id TEXT NOT NULL,
    status TEXT NOT NULL, points INTEGER NOT NULL, max_points INTEGER NOT NULL,
    message_fa TEXT, message_en TEXT, output TEXT NOT NULL DEFAULT '',
    duration REAL NOT NULL, measurements TEXT NOT NULL DEFAULT '[]', incident TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL, grader_version TEXT NOT NULL, graded_at TEXT NOT NULL,
    PRIMARY KEY (student, exercise, check_id)
);
CREATE TABLE IF NOT EXISTS problems (
    student TEXT NOT NULL, exercise TEXT NOT NULL,  -- exercise '' is about the whole submission
    message_fa TEXT NOT NULL, message_en TEXT NOT NULL, incident TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL, grader_version TEXT NOT NULL,
    PRIMARY KEY (student, exercise)
);
CREATE TABLE IF NOT EXISTS students (student TEXT PRIMARY KEY, source TEXT NOT NULL);
"""


def grader_version() -> str:
    """Changes whenever the grader's code, manifest or suites change, so results are redone."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".toml", ".ini") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class Gradebook:
    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.lock = threading.Lock()  # one connection, shared by the batch's worker threads

    def close(self) -> None:
        self.db.close()

    def add_student(self, student: str, source: str) -> None:
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO students VALUES (?, ?)", (student, source))

    def done(self, student: str, exercise: str, content_hash: str, version: str) -> set[str]:
        """Checks already graded for exactly this content with this grader."""
        with self.lock:
            rows = self.db.execute(
                "SELECT check_id FROM results WHERE student=? AND exercise=? AND content_hash=? "
                "AND grader_version=?", (student, exercise, content_hash, version)).fetchall()
        return {r[0] for r in rows}

    def forget(self, student: str, exercise: str) -> None:
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM results WHERE student=? AND exercise=?", (student, exercise))
            self.db.execute("DELETE FROM problems WHERE student=? AND exercise=?", (student, exercise))

    def save(self, student: str, result: ExerciseResult, content_hash: str, version: str, at: str) -> None:
        ex = result.exercise.id
        rows = [(student, ex, c.id, c.status, c.points, c.max_points,
                 c.message.fa if c.message else None, c.message.en if c.message else None,
                 c.output, c.duration, json.dumps(c.measurements), c.incident, content_hash, version, at)
                for c in result.checks]
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM results WHERE student=? AND exercise=? AND "
                            "(content_hash<>? OR grader_version<>?)", (student, ex, content_hash, version))
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            if result.problem is not None:
                self.db.execute("INSERT OR REPLACE INTO problems VALUES (?,?,?,?,?,?,?)",
                                (student, ex, result.problem.fa, result.problem.en, result.incident,
                                 content_hash, version))

    def set_problem(self, student: str, text: Text | None) -> None:
        """A problem with the whole submission (corrupt zip, no exercise folder)."""
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM problems WHERE student=? AND exercise=''", (student,))
            if text is not None:
                self.db.execute("INSERT INTO problems VALUES (?, '', ?, ?, '', '', '')",
                                (student, text.fa, text.en))

    def records(self) -> list[StudentRecord]:
        """Everything known, as the exports want it: per student, per exercise in manifest order."""
        problems = {(s, e): (Text(fa=fa, en=en), incident) for s, e, fa, en, incident in self.db.execute(
            "SELECT student, exercise, message_fa, message_en, incident FROM problems")}
        by_key: dict[tuple[str, str], dict[str, CheckResult]] = {}
        for student, ex, check_id, status, max_points, fa, en, output, duration, measurements, incident in \
                self.db.execute("SELECT student, exercise, check_id, status, max_points, message_fa, message_en, "
                                "output, duration, measurements, incident FROM results"):
            message = Text(fa=fa, en=en) if en is not None else None
            by_key.setdefault((student, ex), {})[check_id] = CheckResult(
                check_id, status, max_points, message, duration, output, json.loads(measurements), incident)
        records = []
        for (student,) in self.db.execute("SELECT student FROM students ORDER BY student"):
            record = StudentRecord(student, problem=problems.get((student, ""), (None, ""))[0])
            for ex in manifest.exercises():
                checks = by_key.get((student, ex.id))
                if checks is None:
                    continue
                ordered = [checks[c.id] for c in ex.checks if c.id in checks]
                problem, incident = problems.get((student, ex.id), (None, ""))
                record.results.append(ExerciseResult(ex, ordered, problem, incident=incident))
            records.append(record)
        return records
