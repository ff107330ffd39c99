"""CI's proof that the kit is sound: solutions score 100 with no note, stubs 0, every mutant is caught.

A mutant is a realistic wrong solution kept under ``tests/mutants/<slug>/NAME.py``;
its docstring names the check meant to catch it with a line ``catches: CHECK_ID``.
An alternative is a correct solution in another style than the reference, kept under
``tests/alternatives/<slug>/NAME.py``: it must score 100, or a check judges spelling.
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.core.manifest import Exercise
from grader.core.results import FAILED, PASSED, SKIPPED, ExerciseResult
from grader.core.workspace import Submission, Workspace
from grader.engine.runner import grade

CATCHES = re.compile(r"^\s*catches:\s*(\w+)\s*$", re.MULTILINE)
REQUIRES = re.compile(r"^\s*requires:\s*Python\s+(\d+)\.(\d+)\s*$", re.MULTILINE | re.IGNORECASE)


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


def alternatives(ws: Workspace, ex: Exercise) -> list[Path]:
    return sorted((ws.root / "tests" / "alternatives" / ex.slug).glob("*.py"))


def required_python(path: Path) -> tuple[int, int]:
    """An alternative may use a newer API (a ``TaskGroup``) if its docstring says ``requires: Python 3.11``."""
    m = REQUIRES.search(path.read_text(encoding="utf-8"))
    return (int(m.group(1)), int(m.group(2))) if m else (3, 10)


def grade_file(ws: Workspace, ex: Exercise, path: Path, only: list[str] | None = None) -> ExerciseResult:
    """Grade one student file kept in the kit's tests, beside the exercise's given files."""
    with tempfile.TemporaryDirectory(prefix=f"{ex.id}-{path.stem}-") as tmp:
        shutil.copy(path, Path(tmp) / ex.files[0])
        return grade(Submission(ex, (Path(tmp), ws.exercise_dir(ex))), only)


def grade_mutant(ws: Workspace, mutant: Mutant, only: list[str] | None = None) -> ExerciseResult:
    return grade_file(ws, mutant.exercise, mutant.path, only)


def _failed(result: ExerciseResult) -> list[str]:
    return [c.id for c in result.checks if c.status == FAILED]


def _why_not_full(result: ExerciseResult) -> str:
    if result.problem is not None:
        return result.problem.en[:200]
    return "; ".join(f"{c.id}: {(c.message.en if c.message else '')[:160]}"
                     for c in result.checks if c.status == FAILED)


def _judged(grading, check_id: str, attempts: int = 3) -> ExerciseResult:
    """A skipped check gave no verdict (a speedup cannot be judged while other load holds the CPUs):
    the proof needs one, so the grading is tried again, a few times at most."""
    for _ in range(attempts):
        result = grading()  # the proof needs only the check meant to catch the mutant
        if all(c.status != SKIPPED for c in result.checks if c.id == check_id):
            break
    return result


def verify_exercise(ws: Workspace, ex: Exercise, untimed: bool = False):
    """Yield one outcome per subject as soon as it is graded.

    ``untimed`` leaves out the checks the manifest marks with a timing, and the mutants meant
    for them: what differs between interpreters is the language and its libraries, and the
    timing checks, slow by nature, are proven on one of them.
    """
    only = [c.id for c in ex.checks if not c.timing] if untimed else None
    solution = grade(Submission.reference(ws, ex), only)
    advised = [c.id for c in solution.checks if c.status == PASSED and c.message]  # a model needs no note
    yield Outcome(ex.id, "solution", "100, no note", solution.score, solution.score == 100 and not advised,
                  _why_not_full(solution) or (f"notes on {', '.join(advised)}" if advised else ""))
    stub = grade(Submission.student(ws, ex), only)
    yield Outcome(ex.id, "stub", "0", stub.score, stub.score == 0,
                  ", ".join(c.id for c in stub.checks if c.status != FAILED))
    for path in alternatives(ws, ex):
        needed = required_python(path)
        if sys.version_info < needed:
            yield Outcome(ex.id, f"alternative {path.stem}", f"needs {needed[0]}.{needed[1]}", 0, True,
                          "not graded on this Python")
            continue
        result = grade_file(ws, ex, path, only)
        yield Outcome(ex.id, f"alternative {path.stem}", "100", result.score, result.score == 100,
                      _why_not_full(result))
    for mutant in mutants(ws, ex):
        if only is not None and mutant.catches not in only:
            yield Outcome(ex.id, f"mutant {mutant.name}", f"{mutant.catches}: timing, not graded", 0, True)
            continue
        result = _judged(lambda: grade_mutant(ws, mutant, [mutant.catches]), mutant.catches)
        failed = _failed(result)
        yield Outcome(ex.id, f"mutant {mutant.name}", f"fails {mutant.catches}", result.score,
                      mutant.catches in failed and result.score < 100, ", ".join(failed) or "nothing failed")
