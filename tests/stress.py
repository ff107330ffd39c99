"""Stress the verdicts: grade the solution and every alternative N times, quiet and under load, and count flips.

Not run in CI (it takes long on purpose). Each run grades every subject once
under each load, in turn, so that whatever else the machine does falls on
every load alike:

- ``quiet``: nothing added;
- ``steady``: one process spinning without end per usable CPU;
- ``intermittent``: one process busy for half of each second.

Subjects are the reference solution and every file in ``tests/alternatives/<slug>/``
(each fully graded, or with ``--timing-only`` on the checks the manifest marks
with a ``timing``, the only ones whose verdict could depend on the load: every
check should pass), and with ``--mutants`` every mutant too (graded on the check that must catch it: that check should fail). A verdict
is one check's status for one subject in one run. Per exercise and load it
prints how many verdicts were wrong (not what the subject should get) and how
many flipped (differ from the same subject's quiet verdict in the same run),
then every flip and wrong verdict; the goal is 0 and 0.

    python tests/stress.py ex09 ex10 --runs 3
    python tests/stress.py ex06 --runs 5 --loads quiet,steady --mutants
    python tests/stress.py ex02 ex04 ex05 ex09 ex10 --runs 20 --timing-only --record tests/stress-record.jsonl

With ``--record`` a campaign spans sittings: each grading is appended to the file as it ends, and
a rerun grades only what the file lacks for the code as it is now (see :class:`Record`), then
counts over all of it. ``tests/stress-record.jsonl`` is the issue 10 campaign's, committed.

It runs for hours: start it from a clone with its own environment (``git clone . /tmp/stress &&
python -m venv /tmp/stress/.venv && /tmp/stress/.venv/bin/pip install -c grader/constraints.txt
-e /tmp/stress``), since each grading's child imports the installed grader afresh, and an edit saved
in the working tree meanwhile is graded as a broken kit (seen: 30 "wrong" verdicts in one load).
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import platform
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from grader.checks.speedup import usable_cpus
from grader.core.manifest import Exercise, find
from grader.core.results import FAILED, PASSED
from grader.core.workspace import Submission, Workspace
from grader.engine.fingerprint import verdict_version
from grader.engine.runner import grade
from grader.instructor.verify import alternatives, grade_file, mutants

SPIN = "while True: pass"
HALF_BUSY = """import time
while True:
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        pass
    time.sleep(0.5)
"""
LOADS = {"quiet": [], "steady": [SPIN] * usable_cpus(), "intermittent": [HALF_BUSY]}


@dataclass(frozen=True)
class Subject:
    name: str  # "solution", "alternative NAME" or "mutant NAME"
    path: Path | None  # None: the reference solution
    only: tuple[str, ...] | None = None  # the checks graded (None: all)
    should_fail: bool = False  # a mutant: ``only`` is the check meant to catch it

    def expected(self, check_id: str) -> str:
        return FAILED if self.should_fail else PASSED

    def content(self, ws: Workspace, ex: Exercise) -> str:
        """A hash of the code graded: a recorded grading of other code does not count."""
        paths = [self.path] if self.path else [Submission.reference(ws, ex).find(name) for name in ex.files]
        return hashlib.sha256(b"\0".join(p.read_bytes() for p in paths)).hexdigest()[:16]


class Record:
    """Gradings kept as JSON lines, so that a campaign too long for one sitting can be resumed: a grading
    counts only while the exercise's verdict version, the subject's code, the checks graded, this
    Python and the usable CPUs are what they were when it was recorded."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                        if line.strip()] if path and path.exists() else []

    @staticmethod
    def key(ws: Workspace, ex: Exercise, subject: Subject) -> dict:
        return {"exercise": ex.id, "version": verdict_version(ex), "subject": subject.name,
                "code": subject.content(ws, ex), "only": list(subject.only or ()),
                "python": platform.python_version(), "cpus": usable_cpus()}

    def kept(self, key: dict) -> dict[tuple[str, int], dict]:
        """(load, run) -> verdicts of every recorded grading under ``key``."""
        return {(e["load"], e["run"]): {c: tuple(v) for c, v in e["verdicts"].items()}
                for e in self.entries if all(e.get(k) == v for k, v in key.items())}

    def add(self, key: dict, load: str, run: int, verdicts: dict) -> None:
        if self.path is None:
            return
        entry = {**key, "load": load, "run": run, "verdicts": verdicts}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def subjects(ws: Workspace, ex: Exercise, with_mutants: bool, with_alternatives: bool = True,
             timing_only: bool = False) -> list[Subject]:
    timed = tuple(c.id for c in ex.checks if c.timing) if timing_only else None
    found = [Subject("solution", None, timed)]
    if with_alternatives:
        found += [Subject(f"alternative {p.stem}", p, timed) for p in alternatives(ws, ex)]
    if with_mutants:
        found += [Subject(f"mutant {m.name}", m.path, (m.catches,), True) for m in mutants(ws, ex)]
    return found


def verdicts(ws: Workspace, ex: Exercise, subject: Subject) -> dict[str, tuple[str, str]]:
    """check id -> (status, English message) for one grading of ``subject``."""
    only = list(subject.only) if subject.only else None
    if subject.path is None:
        result = grade(Submission.reference(ws, ex), only)
    else:
        result = grade_file(ws, ex, subject.path, only)
    return {c.id: (c.status, c.message.en if c.message else "") for c in result.checks}


def under_load(load: str, action):
    hogs = [subprocess.Popen([sys.executable, "-c", code]) for code in LOADS[load]]
    try:
        return action()
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait()


def anomalies(ex: Exercise, subject: Subject, load: str, run: int, mine: dict, quiet: dict) -> list[tuple[str, str]]:
    """(kind, line) for every wrong or flipped verdict of one grading; kind is "wrong" or "flip"."""
    found = []
    for check_id, (status, message) in mine.items():
        where = f"{ex.id} {load} run {run + 1} {subject.name} {check_id}"
        if status != subject.expected(check_id):
            found.append(("wrong", f"  wrong {where}: {status} {message[:300]}"))
        before = quiet.get(check_id, ("absent",))[0]
        if status != before:
            found.append(("flip", f"  flip  {where}: quiet {before}, now {status} {message[:300]}"))
    return found


def stress(ws: Workspace, names: list[str], runs: int, loads: list[str], with_mutants: bool,
           with_alternatives: bool = True, timing_only: bool = False, record: Path | None = None) -> tuple[int, int]:
    """Grades and prints (every wrong or flipped verdict as soon as it is seen, so that a run cut
    short still tells); returns (wrong verdicts, flipped verdicts). With ``record``, gradings found
    there are not graded again and new ones are added to it."""
    exercises = [find(name) for name in names]
    plan = {ex.id: subjects(ws, ex, with_mutants, with_alternatives, timing_only) for ex in exercises}
    book = Record(record)
    keys = {(ex.id, s.name): Record.key(ws, ex, s) for ex in exercises for s in plan[ex.id]}
    graded: dict = {}  # (exercise id, subject name, load, run) -> verdicts
    for (ex_id, name), key in keys.items():
        for (load, run), mine in book.kept(key).items():
            if load in loads and run < runs:
                graded[ex_id, name, load, run] = mine
    if record:
        print(f"{len(graded)} grading(s) taken from {record}", flush=True)
    for run in range(runs):
        for load in loads:
            began = time.monotonic()
            for ex in exercises:
                for subject in plan[ex.id]:
                    if (ex.id, subject.name, load, run) in graded:
                        continue
                    mine = under_load(load, functools.partial(verdicts, ws, ex, subject))
                    graded[ex.id, subject.name, load, run] = mine
                    book.add(keys[ex.id, subject.name], load, run, mine)
                    quiet = graded.get((ex.id, subject.name, "quiet", run), mine)
                    for _, line in anomalies(ex, subject, load, run, mine, quiet):
                        print(line, flush=True)
            print(f"run {run + 1}/{runs} {load}: {time.monotonic() - began:.0f} s", flush=True)
    all_wrong = all_flips = 0
    print(f"\n{'exercise':9} {'load':13} {'verdicts':>9} {'wrong':>6} {'flips':>6}")
    for ex in exercises:
        for load in loads:
            count, kinds = 0, Counter()
            for subject in plan[ex.id]:
                for run in range(runs):
                    mine = graded[ex.id, subject.name, load, run]
                    quiet = graded.get((ex.id, subject.name, "quiet", run), mine)
                    count += len(mine)
                    kinds.update(kind for kind, _ in anomalies(ex, subject, load, run, mine, quiet))
            all_wrong += kinds["wrong"]
            all_flips += kinds["flip"]
            print(f"{ex.id:9} {load:13} {count:>9} {kinds['wrong']:>6} {kinds['flip']:>6}")
    return all_wrong, all_flips


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--loads", default=",".join(LOADS), help="comma-separated, from: " + ", ".join(LOADS))
    parser.add_argument("--mutants", action="store_true", help="grade every mutant too")
    parser.add_argument("--timing-only", action="store_true", help="grade only the checks marked with a timing")
    parser.add_argument("--record", type=Path, help="a JSON-lines file of gradings: those found are not graded "
                        "again (while their code and Python are unchanged), new ones are added")
    args = parser.parse_args(argv)
    loads = args.loads.split(",")
    unknown = set(loads) - LOADS.keys()
    if unknown:
        parser.error(f"unknown load(s): {', '.join(sorted(unknown))}")
    ws = Workspace.locate(Path(__file__).resolve().parents[1])
    began = time.monotonic()
    wrong, flips = stress(ws, args.exercises, args.runs, loads, args.mutants, timing_only=args.timing_only,
                          record=args.record)
    print(f"\n{time.monotonic() - began:.0f} s")
    return 0 if wrong == flips == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
