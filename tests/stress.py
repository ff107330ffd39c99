"""Stress the verdicts: grade the solution and every alternative N times, quiet and under load, and count flips.

Not run in CI (it takes long on purpose). Each run grades every subject once
under each load, in turn, so that whatever else the machine does falls on
every load alike:

- ``quiet``: nothing added;
- ``steady``: one process spinning without end per usable CPU;
- ``intermittent``: one process busy for half of each second.

Subjects are the reference solution and every file in ``tests/alternatives/<slug>/``
(each fully graded: every check should pass), and with ``--mutants`` every mutant
too (graded on the check that must catch it: that check should fail). A verdict
is one check's status for one subject in one run. Per exercise and load it
prints how many verdicts were wrong (not what the subject should get) and how
many flipped (differ from the same subject's quiet verdict in the same run),
then every flip and wrong verdict; the goal is 0 and 0.

    python tests/stress.py ex09 ex10 --runs 3
    python tests/stress.py ex06 --runs 5 --loads quiet,steady --mutants
"""
from __future__ import annotations

import argparse
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
    only: tuple[str, ...] | None = None  # the checks graded (a mutant: the one meant to catch it)

    def expected(self, check_id: str) -> str:
        return FAILED if self.only else PASSED


def subjects(ws: Workspace, ex: Exercise, with_mutants: bool, with_alternatives: bool = True) -> list[Subject]:
    found = [Subject("solution", None)]
    if with_alternatives:
        found += [Subject(f"alternative {p.stem}", p) for p in alternatives(ws, ex)]
    if with_mutants:
        found += [Subject(f"mutant {m.name}", m.path, (m.catches,)) for m in mutants(ws, ex)]
    return found


def verdicts(ws: Workspace, ex: Exercise, subject: Subject) -> dict[str, tuple[str, str]]:
    """check id -> (status, English message) for one grading of ``subject``."""
    only = list(subject.only) if subject.only else None
    result = grade(Submission.reference(ws, ex)) if subject.path is None else grade_file(ws, ex, subject.path, only)
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


def stress(ws: Workspace, names: list[str], runs: int, loads: list[str], with_mutants: bool,
           with_alternatives: bool = True) -> tuple[int, int]:
    """Grades and prints; returns (wrong verdicts, flipped verdicts)."""
    exercises = [find(name) for name in names]
    plan = {ex.id: subjects(ws, ex, with_mutants, with_alternatives) for ex in exercises}
    graded: dict = {}  # (exercise id, subject name, load, run) -> verdicts
    for run in range(runs):
        for load in loads:
            began = time.monotonic()
            for ex in exercises:
                for subject in plan[ex.id]:
                    graded[ex.id, subject.name, load, run] = under_load(load, lambda: verdicts(ws, ex, subject))
            print(f"run {run + 1}/{runs} {load}: {time.monotonic() - began:.0f} s", flush=True)
    all_wrong = all_flips = 0
    print(f"\n{'exercise':9} {'load':13} {'verdicts':>9} {'wrong':>6} {'flips':>6}")
    details = []
    for ex in exercises:
        for load in loads:
            count, wrong, flips = 0, Counter(), Counter()
            for subject in plan[ex.id]:
                for run in range(runs):
                    mine = graded[ex.id, subject.name, load, run]
                    quiet = graded.get((ex.id, subject.name, "quiet", run), mine)
                    for check_id, (status, message) in mine.items():
                        count += 1
                        if status != subject.expected(check_id):
                            wrong[subject.name, check_id] += 1
                            details.append(f"  wrong {ex.id} {load} run {run + 1} {subject.name} {check_id}: "
                                           f"{status} {message[:300]}")
                        before = quiet.get(check_id, ("absent",))[0]
                        if status != before:
                            flips[subject.name, check_id] += 1
                            details.append(f"  flip  {ex.id} {load} run {run + 1} {subject.name} {check_id}: "
                                           f"quiet {before}, now {status} {message[:300]}")
            all_wrong += sum(wrong.values())
            all_flips += sum(flips.values())
            print(f"{ex.id:9} {load:13} {count:>9} {sum(wrong.values()):>6} {sum(flips.values()):>6}")
    print("\n".join(details))
    return all_wrong, all_flips


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--loads", default=",".join(LOADS), help="comma-separated, from: " + ", ".join(LOADS))
    parser.add_argument("--mutants", action="store_true", help="grade every mutant too")
    args = parser.parse_args(argv)
    loads = args.loads.split(",")
    unknown = set(loads) - LOADS.keys()
    if unknown:
        parser.error(f"unknown load(s): {', '.join(sorted(unknown))}")
    ws = Workspace.locate(Path(__file__).resolve().parents[1])
    began = time.monotonic()
    wrong, flips = stress(ws, args.exercises, args.runs, loads, args.mutants)
    print(f"\n{time.monotonic() - began:.0f} s")
    return 0 if wrong == flips == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
