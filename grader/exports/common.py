"""Small helpers every export shares: which exercises appear, scaled points, safe text."""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..gradebook_model import StudentRecord
from ..manifest import Exercise
from ..render import LESSON, WHY
from ..results import SKIPPED, CheckResult, ExerciseResult

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_IN_NAME = re.compile(r"[^\w.-]+")
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def exercises_of(records: list[StudentRecord]) -> list[Exercise]:
    """Every exercise graded for at least one student, in manifest order."""
    seen: dict[str, Exercise] = {}
    for record in records:
        for result in record.results:
            seen.setdefault(result.exercise.id, result.exercise)
    return sorted(seen.values(), key=lambda ex: ex.number)


def duration(result: ExerciseResult) -> float:
    """The exercise's run time; a gradebook keeps only the checks' own, so add those up then."""
    return result.duration or sum(c.duration for c in result.checks)


def message(check: CheckResult, lang: str) -> str:
    return check.message(lang) if check.message else ""


def scaled_points(result: ExerciseResult) -> dict[str, int]:
    """Each check's points scaled like the score (skipped checks do not count), as integers
    that add up to exactly ``result.score`` (largest remainder), for formats that sum tests."""
    possible = sum(c.max_points for c in result.checks if c.status != SKIPPED)
    exact = {c.id: (100 * c.points / possible if possible else 0.0) for c in result.checks}
    points = {cid: int(value) for cid, value in exact.items()}
    missing = result.score - sum(points.values())
    for cid in sorted(exact, key=lambda k: exact[k] - points[k], reverse=True)[:max(missing, 0)]:
        points[cid] += 1
    return points


def clean_text(text: str) -> str:
    """Student output may hold characters XML 1.0 and some JSON stores refuse (NUL, escape codes, lone
    surrogates): each becomes U+FFFD, so the reader still sees something was there."""
    return _NOT_XML.sub("\ufffd", text)


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


def explanation(result: ExerciseResult, check: CheckResult, lang: str) -> str:
    """What a failed check says, the usual mistake behind it, and the lesson to re-read."""
    spec = result.exercise.check(check.id)
    lines = [message(check, lang)] if check.message else []
    if result.problem:
        lines.insert(0, result.problem(lang))
    lines += [f"{WHY(lang)}: {spec.why(lang)}", f"{LESSON(lang)} {spec.lesson}"]
    return "\n".join(lines)


def write_text(path: Path, text: str) -> Path:
    """UTF-8, with a lone surrogate (undecodable bytes a submission printed) replaced, not fatal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="replace")
    return path


def dump_json(path: Path, data) -> Path:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
