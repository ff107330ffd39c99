"""The class's gradebook: a SQLite file with one row per student × exercise × check.

Each row carries the submission's content hash and the grader's version, so a
batch that is interrupted (Ctrl-C, kill -9, power loss) resumes with what is
missing, and an unchanged submission is not graded again. A grading's rows are
written in one transaction: a row is there entirely, or not at all.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from filelock import FileLock, Timeout

from grader.core import manifest, seeds
from grader.core.manifest import Text
from grader.core.records import StudentRecord
from grader.core.results import CheckResult, ExerciseResult, Incident, Override, Status

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
CREATE TABLE IF NOT EXISTS handed (  -- when each exercise was handed in (grader.instructor.lateness)
    student TEXT NOT NULL, exercise TEXT NOT NULL, at TEXT NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (student, exercise)
);
CREATE TABLE IF NOT EXISTS overrides (  -- points set by hand: apart from the verdicts, so re-grades keep them
    student TEXT NOT NULL, exercise TEXT NOT NULL, check_id TEXT NOT NULL,
    points INTEGER NOT NULL, comment TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (student, exercise, check_id)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);  -- the class's seed
CREATE TABLE IF NOT EXISTS running (  -- a grading under way; left behind only when the grader died
    student TEXT NOT NULL, exercise TEXT NOT NULL, content_hash TEXT NOT NULL,
    PRIMARY KEY (student, exercise, content_hash)
);
CREATE TABLE IF NOT EXISTS deaths (  -- how often the grader died during this grading
    student TEXT NOT NULL, exercise TEXT NOT NULL, content_hash TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (student, exercise, content_hash)
);
"""
APPLICATION_ID = 0x68616D7A  # "hamz": what marks a SQLite file as a hamzaman gradebook
OUR_TABLES = {"results", "problems", "students"}


class NotAGradebook(Exception):
    """The file given as a gradebook is something else: refused, and left as it was."""

    def __init__(self, path: Path, why: str):
        super().__init__(f"{path} is not a hamzaman gradebook ({why}). Give the file `grade batch` wrote, "
                         "or a new file name for a new gradebook.")


class GradebookBusy(Exception):
    def __init__(self, path: Path):
        super().__init__(f"Another `grade batch` is using {path} right now. Wait for it to end (or stop it), "
                         "or give this one another --db.")


def _claim(db: sqlite3.Connection, path: Path, create: bool) -> None:
    """Mark a new file as ours; refuse a SQLite file of anything else, changing nothing in it."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id == APPLICATION_ID:
        return
    if app_id != 0:
        raise NotAGradebook(path, f"its application id is {app_id:#x}")
    if tables and not OUR_TABLES <= tables:
        raise NotAGradebook(path, "it holds tables of another program: " + ", ".join(sorted(tables)[:5]))
    if not tables and not create:
        raise NotAGradebook(path, "it is an empty database")
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")  # new, or written before the marker existed


class Gradebook:
    def __init__(self, path: Path, *, create: bool = True):
        self.path = path
        if not create and not path.is_file():
            raise FileNotFoundError(f"No gradebook at {path}: `grade batch` writes one (--db).")
        self.batch_lock: FileLock | None = None
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            _claim(self.db, path, create)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise NotAGradebook(path, str(e)) from None
        except NotAGradebook:
            self.db.close()
            raise
        self.lock = threading.Lock()  # one connection, shared by the batch's worker threads
        self._class_seed: int | None = None  # read with the first grading (see seed)

    def hold_for_batch(self) -> None:
        """One batch at a time per gradebook: two would grade the same students and fight over rows."""
        lock = FileLock(str(self.path) + ".lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise GradebookBusy(self.path) from None
        self.batch_lock = lock

    def close(self) -> None:
        self.db.close()
        if self.batch_lock is not None:
            self.batch_lock.release()

    def begin(self, student: str, exercise: str, content_hash: str) -> None:
        """A grading starts: if the grader dies during it, the next batch knows which one it was."""
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO running VALUES (?, ?, ?)", (student, exercise, content_hash))

    def abandon(self, student: str, exercise: str, content_hash: str) -> None:
        """A grading stopped by the instructor (Ctrl-C): nothing is stored, and nobody is blamed."""
        with self.lock:
            self.db.execute("DELETE FROM running WHERE student=? AND exercise=? AND content_hash=?",
                            (student, exercise, content_hash))

    def count_deaths(self) -> dict[tuple[str, str, str], int]:
        """Gradings during which a grader died, counted with the earlier deaths of each; then forgotten."""
        with self.lock, self.db:
            self.db.execute("BEGIN")
            for key in self.db.execute("SELECT student, exercise, content_hash FROM running").fetchall():
                self.db.execute("INSERT INTO deaths VALUES (?, ?, ?, 1) ON CONFLICT (student, exercise, content_hash) "
                                "DO UPDATE SET count = count + 1", key)
            self.db.execute("DELETE FROM running")
            return {(s, e, h): n for s, e, h, n in self.db.execute("SELECT * FROM deaths")}

    def seed(self) -> int:
        """The class's seed: drawn with the gradebook and kept, so every re-grade draws the same inputs.
        Read once per gradebook: every grading of a batch asks for it."""
        if self._class_seed is None:
            with self.lock, self.db:
                self.db.execute("BEGIN")
                self.db.execute("INSERT OR IGNORE INTO settings VALUES ('seed', ?)", (str(seeds.drawn()),))
                self._class_seed = int(self.db.execute("SELECT value FROM settings WHERE key='seed'").fetchone()[0])
        return self._class_seed

    def set_seed(self, seed: int) -> None:
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.execute("INSERT OR REPLACE INTO settings VALUES ('seed', ?)", (str(seed),))
        self._class_seed = seed

    def seed_for(self, student: str, exercise: str) -> int:
        """What draws the instructor-only checks of one student's exercise: ``grade EXERCISE --seed`` takes it."""
        return seeds.derived(self.seed(), student, exercise)

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

    def identical(self) -> list[tuple[str, str, list[str]]]:
        """(exercise, content hash, students) for every file content that several students handed in."""
        with self.lock:  # names may hold commas: grouped here, not with group_concat
            rows = self.db.execute("SELECT DISTINCT exercise, content_hash, student FROM results "
                                   "ORDER BY exercise, content_hash, student").fetchall()
        groups: dict[tuple[str, str], list[str]] = {}
        for ex, digest, student in rows:
            groups.setdefault((ex, digest), []).append(student)
        return [(ex, digest, students) for (ex, digest), students in groups.items() if len(students) > 1]

    def set_handed(self, student: str, exercise: str, at: str, source: str) -> None:
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.execute("INSERT OR REPLACE INTO handed VALUES (?,?,?,?)", (student, exercise, at, source))

    def handed(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(student, exercise) -> (ISO time, where it came from)."""
        with self.lock:
            return {(s, e): (at, source) for s, e, at, source in self.db.execute("SELECT * FROM handed")}

    def students(self) -> list[str]:
        with self.lock:
            return [r[0] for r in self.db.execute("SELECT student FROM students ORDER BY student")]

    def set_override(self, student: str, exercise: str, check: str, override: Override | None) -> bool:
        """Set (or, with None, remove) the points set by hand; False if there was none to remove."""
        with self.lock, self.db:
            self.db.execute("BEGIN")
            if override is None:
                return self.db.execute("DELETE FROM overrides WHERE student=? AND exercise=? AND check_id=?",
                                       (student, exercise, check)).rowcount > 0
            self.db.execute("INSERT OR REPLACE INTO overrides VALUES (?,?,?,?,?,?)",
                            (student, exercise, check, override.points, override.comment, override.at))
            return True

    def forget_checks(self, student: str, exercise: str, checks: set[str]) -> None:
        """Those checks' verdicts only (a targeted re-grade); the exercise's other rows stay."""
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM results WHERE student=? AND exercise=? AND check_id=?",
                                [(student, exercise, c) for c in checks])

    def save(self, student: str, result: ExerciseResult, content_hash: str, version: str, at: str) -> None:
        ex = result.exercise.id
        rows = [(student, ex, c.id, c.status, c.points, c.max_points,
                 c.message.fa if c.message else None, c.message.en if c.message else None,
                 c.output, c.duration, json.dumps(c.measurements), c.incident, content_hash, version, at)
                for c in result.checks]
        with self.lock, self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM running WHERE student=? AND exercise=? AND content_hash=?",
                            (student, ex, content_hash))
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
        problems = {(s, e): (Text(fa=fa, en=en), Incident(incident)) for s, e, fa, en, incident in self.db.execute(
            "SELECT student, exercise, message_fa, message_en, incident FROM problems")}
        by_key: dict[tuple[str, str], dict[str, CheckResult]] = {}
        for student, ex, check_id, status, max_points, fa, en, output, duration, measurements, incident in \
                self.db.execute("SELECT student, exercise, check_id, status, max_points, message_fa, message_en, "
                                "output, duration, measurements, incident FROM results"):
            message = Text(fa=fa, en=en) if en is not None else None
            by_key.setdefault((student, ex), {})[check_id] = CheckResult(
                check_id, Status(status), max_points, message, duration, output, json.loads(measurements), Incident(incident))
        for student, ex, check_id, points, comment, at in self.db.execute("SELECT * FROM overrides"):
            found = by_key.get((student, ex), {}).get(check_id)
            if found is not None:
                found.override = Override(points, comment, at)
        records = []
        for (student,) in self.db.execute("SELECT student FROM students ORDER BY student"):
            record = StudentRecord(student, problem=problems.get((student, ""), (None, ""))[0])
            for ex in manifest.exercises():
                checks = by_key.get((student, ex.id))
                if checks is None:
                    continue
                ordered = [checks[c.id] for c in ex.checks if c.id in checks]
                problem, incident = problems.get((student, ex.id), (None, Incident.NONE))
                record.results.append(ExerciseResult(ex, ordered, problem, incident=incident,
                                                     seed=self.seed_for(student, ex.id)))
            records.append(record)
        return records
