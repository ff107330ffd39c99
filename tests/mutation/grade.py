"""Grade one mutated copy of a solution with the real grader; cosmic-ray's test command.

    python -m tests.mutation.grade EXERCISE FOLDER

FOLDER holds the exercise's files (one of them mutated); the given files come from
``exercises/<slug>/``, as for a student. The quick checks are graded first and the
timing checks only when every quick one passed, since most mutants fail a quick one.
A timing check that fails is graded a second time before the mutant counts as killed.
The verdict is printed as one line ``VERDICT {json}``: the campaign trusts that line, not
the exit code alone, so a crash of this script is never mistaken for a killed mutant.
Exit code 1 means killed (some check failed, or the file did not load), 0 survived.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader.core import manifest
from grader.core.manifest import Exercise
from grader.core.results import FAILED
from grader.core.workspace import Submission, Workspace
from grader.engine.runner import grade

REPO = Path(__file__).resolve().parents[2]
PREFIX = "VERDICT "


@dataclass
class Verdict:
    killed: bool
    score: int = 100
    failed: list[str] = field(default_factory=list)  # the checks that failed, or the load problem
    seconds: float = 0.0

    def line(self) -> str:
        return PREFIX + json.dumps(asdict(self))

    @classmethod
    def parse(cls, output: str) -> Verdict | None:
        for line in reversed(output.splitlines()):
            if line.startswith(PREFIX):
                return cls(**json.loads(line[len(PREFIX):]))
        return None


def phases(ex: Exercise) -> list[list[str]]:
    quick = [c.id for c in ex.checks if not c.timing]
    timing = [c.id for c in ex.checks if c.timing]
    return [p for p in (quick, timing) if p]


def grade_folder(ex: Exercise, folder: Path) -> Verdict:
    sub = Submission(ex, (folder, Workspace(REPO).exercise_dir(ex)))
    timing = {c.id for c in ex.checks if c.timing}
    seconds = 0.0
    for only in phases(ex):
        # a timing check that fails is graded once more: on a loaded machine a mutant that
        # behaves like the solution would otherwise pass for killed, and hide a gap
        for _ in range(2 if set(only) <= timing else 1):
            result = grade(sub, only)
            seconds += result.duration
            if result.problem is not None:
                return Verdict(True, 0, [result.problem.en.splitlines()[0][:200]], seconds)
            failed = [c.id for c in result.checks if c.status == FAILED]
            if not failed:  # not `score == 100`: a phase whose checks were all skipped scores 0
                break
            only = failed
        else:
            return Verdict(True, result.score, failed, seconds)
    return Verdict(False, 100, [], seconds)


def main(argv: list[str]) -> int:
    ex_name, folder = argv
    verdict = grade_folder(manifest.find(ex_name), Path(folder))
    print(verdict.line(), flush=True)
    return 1 if verdict.killed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
