"""``grade similarity SUBMISSIONS OUT``: which submissions look copied from one another, per exercise.

copydetect (winnowed fingerprints, the method of MOSS) compares every pair of one exercise's
files, with the stub's own code as boilerplate, so what every student was given does not count.
Per exercise it writes copydetect's HTML page (the most similar pairs side by side, the shared
code highlighted); one CSV lists every pair above the threshold. Files with the same content
(the hash batch grading keeps) are flagged as identical whatever the fingerprints say; a file
that is still the stub is nobody's copy and is left out.
"""
from __future__ import annotations

import csv
import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from grader.core.manifest import Exercise
from grader.core.workspace import Workspace
from grader.instructor.exports.table import spreadsheet_cell
from grader.instructor.submissions import (
    BadSubmission,
    content_hash,
    discover,
    open_entry,
    stub_hashes,
    student_files,
)

THRESHOLD = 0.5  # share of a file's fingerprints found in the other file, to be listed


@dataclass(frozen=True)
class Pair:
    exercise: str
    first: str
    second: str
    first_share: float  # of the first student's code, the part found in the second's
    second_share: float
    identical: bool


def _folder_name(n: int, student: str) -> str:
    """The student's name as copydetect's page shows it, safe as a folder name."""
    return f"{n:03d}-" + re.sub(r"[^\w.-]+", "_", student)[:60]


def _gather(submissions: Path, exercises: list[Exercise], scratch: Path) -> dict[str, dict[str, dict[str, bytes]]]:
    """exercise id -> student -> that student's files (unreadable submissions are left out)."""
    found: dict[str, dict[str, dict[str, bytes]]] = defaultdict(dict)
    for n, entry in enumerate(discover(submissions)):
        try:
            root = open_entry(entry, scratch / "unpacked" / str(n))
        except (BadSubmission, OSError):
            continue
        for ex in exercises:
            files = student_files(root, ex)
            if files is not None:
                found[ex.id][entry.name] = files
    return found


def compare(kit: Workspace, submissions: Path, exercises: list[Exercise], out: Path,
            threshold: float = THRESHOLD) -> list[Pair]:
    """Write ``OUT/<exercise>.html`` and ``OUT/similarity.csv``; return the pairs, most similar first."""
    os.environ.setdefault("MPLBACKEND", "Agg")  # copydetect draws a matrix with matplotlib: no display
    from copydetect import CopyDetector

    out.mkdir(parents=True, exist_ok=True)
    pairs: list[Pair] = []
    with tempfile.TemporaryDirectory(prefix="hamzaman-similarity-") as tmp:
        scratch = Path(tmp)
        by_exercise = _gather(submissions, exercises, scratch)
        stubs = stub_hashes(kit.root / "exercises")
        for ex in exercises:
            students = {s: f for s, f in by_exercise.get(ex.id, {}).items() if content_hash(f) != stubs[ex.id]}
            if len(students) < 2:
                continue
            detector = CopyDetector(extensions=["py"], display_t=threshold, autoopen=False, silent=True,
                                    out_file=str(out / f"{ex.id}.html"))
            for name in ex.files:
                detector.add_file(str(kit.exercise_dir(ex) / name), "boilerplate")
            whose: dict[str, str] = {}
            for n, (student, files) in enumerate(sorted(students.items())):
                folder = scratch / ex.id / _folder_name(n, student)
                folder.mkdir(parents=True)
                for name, data in files.items():
                    (folder / name).write_bytes(data)
                    whose[str(folder / name)] = student
                    detector.add_file(str(folder / name))
            detector.run()
            seen: dict[frozenset[str], Pair] = {}
            for first_share, second_share, first, second, *_ in detector.get_copied_code_list():
                a, b = whose[first], whose[second]
                if a != b and frozenset((a, b)) not in seen:
                    seen[frozenset((a, b))] = Pair(ex.id, a, b, round(first_share, 3), round(second_share, 3),
                                                   content_hash(students[a]) == content_hash(students[b]))
            by_hash: dict[str, list[str]] = defaultdict(list)
            for student in sorted(students):
                by_hash[content_hash(students[student])].append(student)
            for same in by_hash.values():  # identical whatever the fingerprints say (all boilerplate, say)
                for i, a in enumerate(same):
                    for b in same[i + 1:]:
                        seen.setdefault(frozenset((a, b)), Pair(ex.id, a, b, 1.0, 1.0, True))
            pairs += seen.values()
            if seen:
                detector.generate_html_report()
    pairs.sort(key=lambda p: (not p.identical, -max(p.first_share, p.second_share)))
    with (out / "similarity.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["exercise", "student", "other", "share of student's code", "share of other's code",
                         "identical"])
        writer.writerows([p.exercise, spreadsheet_cell(p.first), spreadsheet_cell(p.second), p.first_share,
                          p.second_share, "yes" if p.identical else ""] for p in pairs)
    return pairs
