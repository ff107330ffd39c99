"""When each exercise was handed in, and what a course file's deadlines and late rule make of it.

The time comes, in this order, from the last git commit that touched the exercise's folder (a
cloned repository), the newest entry of that folder in the student's zip (zip times have no time
zone: the course's ``timezone`` is assumed), or the newest file time in the folder. The penalty
is kept apart from the score: exports show both.

A course file (TOML)::

    timezone = "Asia/Tehran"          # for zip times; default UTC
    [late]
    per_day = 10                      # percent of the score lost per started day late
    cap = 50                          # never more than this percent
    grace_minutes = 15                # late by less than this: no penalty
    [deadlines]
    ex01 = 2026-10-01T23:59:00+03:30  # a TOML date-time with its offset
"""
from __future__ import annotations

import functools
import math
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grader.core import manifest
from grader.core.manifest import Exercise, tomllib
from grader.instructor.submissions import Entry

GIT, ZIP, FILES = "git commit", "zip entry", "file time"


class BadCourse(ValueError):
    """The course file cannot be used: the message says what to fix."""


@dataclass(frozen=True)
class Handed:
    at: datetime  # aware, except a zip entry's time: the course's time zone is applied then
    source: str  # GIT, ZIP or FILES


@dataclass(frozen=True)
class Course:
    deadlines: dict[str, datetime]  # exercise id -> aware deadline
    per_day: float = 0.0
    cap: float = 100.0
    grace: timedelta = timedelta(0)
    zone: timezone | ZoneInfo = timezone.utc

    def penalty(self, exercise: str, handed: Handed | None) -> tuple[float, float]:
        """(hours late, percent of the score lost) for this exercise handed in then."""
        deadline = self.deadlines.get(exercise)
        if deadline is None or handed is None:
            return 0.0, 0.0
        at = handed.at if handed.at.tzinfo else handed.at.replace(tzinfo=self.zone)  # a zip's time has no zone
        if at <= deadline:
            return 0.0, 0.0
        late = at - deadline
        if late <= self.grace:
            return late.total_seconds() / 3600, 0.0
        return late.total_seconds() / 3600, min(self.cap, self.per_day * math.ceil(late / timedelta(days=1)))


def read_course(path: Path) -> Course:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise BadCourse(f"Cannot read the course file {path}: {e}") from None
    try:
        zone = ZoneInfo(raw["timezone"]) if "timezone" in raw else timezone.utc
    except (ZoneInfoNotFoundError, ValueError):
        raise BadCourse(f"{path}: unknown timezone {raw['timezone']!r} (an IANA name such as Asia/Tehran)") from None
    known = {ex.id for ex in manifest.exercises()}
    deadlines = {}
    for ex_id, when in raw.get("deadlines", {}).items():
        if ex_id not in known:
            raise BadCourse(f"{path}: [deadlines] names {ex_id!r}, which is not an exercise ({', '.join(sorted(known))})")
        if not isinstance(when, datetime):
            raise BadCourse(f"{path}: the deadline of {ex_id} is not a date and time (2026-10-01T23:59:00+03:30)")
        deadlines[ex_id] = when if when.tzinfo else when.replace(tzinfo=zone)
    late = raw.get("late", {})
    numbers = {key: late.get(key, default) for key, default in (("per_day", 0), ("cap", 100), ("grace_minutes", 0))}
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in numbers.values()):
        raise BadCourse(f"{path}: [late] per_day, cap and grace_minutes must be numbers of at least 0")
    return Course(deadlines, float(numbers["per_day"]), float(numbers["cap"]),
                  timedelta(minutes=numbers["grace_minutes"]), zone)


@functools.lru_cache(maxsize=1)  # a batch asks for one entry's exercises in a row: one git call per entry
def _git_commits(repo: Path) -> tuple[tuple[datetime, tuple[str, ...]], ...]:
    """Every commit of ``repo``, newest first: its time and the paths it touched."""
    if not (repo / ".git").exists() or shutil.which("git") is None:
        return ()
    try:
        out = subprocess.run(["git", "-C", str(repo), "-c", "core.quotepath=off", "log", "--format=%x00%cI", "--name-only"],
                             capture_output=True, text=True, timeout=60, check=False).stdout
        commits = []
        for chunk in out.split("\0")[1:]:
            when, *paths = chunk.strip().splitlines()
            commits.append((datetime.fromisoformat(when), tuple(paths)))
        return tuple(commits)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return ()


def _git_time(repo: Path, folder: Path) -> datetime | None:
    """The time of the last commit that touched ``folder``."""
    try:
        prefix = folder.relative_to(repo).as_posix() + "/"
    except ValueError:  # not inside the repository
        return None
    return next((when for when, paths in _git_commits(repo) if any(p.startswith(prefix) for p in paths)), None)


def _zip_time(path: Path, ex: Exercise) -> datetime | None:
    try:
        with zipfile.ZipFile(path) as z:
            times = [datetime(*info.date_time) for info in z.infolist()
                     if not info.is_dir() and f"{ex.slug}/" in f"/{info.filename}"]
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    return max(times, default=None)


def _file_time(folder: Path) -> datetime | None:
    times = [p.stat().st_mtime for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return datetime.fromtimestamp(max(times), timezone.utc) if times else None


def handed_in(entry: Entry, root: Path, ex: Exercise) -> Handed | None:
    """When ``entry`` handed ``ex`` in (``root``: the folder holding its exercise folders), or None."""
    folder = root / ex.slug
    if not folder.is_dir():
        return None
    if entry.path.is_dir() and (at := _git_time(entry.path, folder)):
        return Handed(at, GIT)
    if entry.path.suffix.lower() == ".zip" and (at := _zip_time(entry.path, ex)):
        return Handed(at, ZIP)
    at = _file_time(folder)
    return Handed(at, FILES) if at else None
