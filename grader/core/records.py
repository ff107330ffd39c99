"""What a batch grading knows about one student: the input of every export."""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.core.manifest import Text
from grader.core.results import ExerciseResult


@dataclass
class StudentRecord:
    student: str  # the submission's name (folder or zip stem), printable
    results: list[ExerciseResult] = field(default_factory=list)  # in manifest order
    problem: Text | None = None  # about the whole submission (corrupt zip, odd layout), else None

    @property
    def total(self) -> int:
        return sum(r.score for r in self.results)
