"""CI's proof that the kit is sound: solutions score 100, stubs 0, every mutant is caught.

A mutant is a realistic wrong solution kept under ``tests/mutants/<slug>/NAME.py``;
its docstring names the check meant to catch it with a line ``catches: CHECK_ID``.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .manifest import Exercise
from .results import FAILED, ExerciseResult
from .runner import grade
from .workspace import Submission, Workspace

CATCHES = re.compile(r"^\s*catches:\s*(\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Mutant:
    exercise: Exercise
    path: Path
    catches: str

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class Outcome:
    exercise: str
    subject: str  # "solution", "stub" or "mutant NAME"
    expected: str
    score: int
    ok: bool
    detail: str = ""


def mutants(ws: Workspace, ex: Exercise) -> list[Mutant]:
    found = []
    for path in sorted((ws.root / "tests" / "mutants" / ex.slug).glob("*.py")):
        m = CATCHES.search(path.read_text(encoding="utf-8"))
        if m is None:
            raise ValueError(f"{path}: no 'catches: CHECK_ID' line in its docstring")
        ex.check(m.group(1))  # a KeyError names a check the manifest does not have
        found.append(Mutant(ex, path, m.group(1)))
    return found


def grade_mutant(ws: Workspace, mutant: Mutant, only: list[str] | None = None) -> ExerciseResult:
    ex = mutant.exercise
    with tempfile.TemporaryDirectory(prefix=f"mutant-{mutant.name}-") as tmp:
        shutil.copy(mutant.path, Path(tmp) / ex.files[0])
        return grade(Submission(ex, (Path(tmp), ws.exercise_dir(ex))), only)


def _failed(result: ExerciseResult) -> list[str]:
    return [c.id for c in result.checks if c.status == FAILED]


def verify_exercise(ws: Workspace, ex: Exercise):
    """Yield one outcome per subject as soon as it is graded."""
    solution = grade(Submission.reference(ws, ex))
    yield Outcome(ex.id, "solution", "100", solution.score, solution.score == 100,
                  ", ".join(_failed(solution)))
    stub = grade(Submission.student(ws, ex))
    yield Outcome(ex.id, "stub", "0", stub.score, stub.score == 0,
                  ", ".join(c.id for c in stub.checks if c.status != FAILED))
    for mutant in mutants(ws, ex):
        result = grade_mutant(ws, mutant, [mutant.catches])  # the proof needs only the check meant to catch it
        failed = _failed(result)
        yield Outcome(ex.id, f"mutant {mutant.name}", f"fails {mutant.catches}", result.score,
                      mutant.catches in failed and result.score < 100, ", ".join(failed) or "nothing failed")
