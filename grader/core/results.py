"""What a grading produces, and the JSON form documented in the README."""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.core.manifest import Exercise, Text

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


@dataclass
class CheckResult:
    id: str
    status: str
    max_points: int
    message: Text | None = None
    duration: float = 0.0
    output: str = ""
    measurements: list[dict] = field(default_factory=list)  # see grader.checks.record
    incident: str = ""  # why the grader stopped it: timeout, crash, processes, memory

    @property
    def points(self) -> int:
        return self.max_points if self.status == PASSED else 0


@dataclass
class Protections:
    """The batch sandbox's measures that held in a grading, and those the OS did not allow."""

    held: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class ExerciseResult:
    exercise: Exercise
    checks: list[CheckResult] = field(default_factory=list)
    problem: Text | None = None  # one message that explains a score of 0 (load error, ...)
    incident: str = ""  # for a problem the grader had to act on: import_hang, tampered, forged, processes, memory
    duration: float = 0.0
    protections: Protections = field(default_factory=Protections)  # empty outside batch grading

    @property
    def score(self) -> int:
        """Skipped checks (not measurable here) neither earn nor cost points."""
        possible = sum(c.max_points for c in self.checks if c.status != SKIPPED)
        if possible == 0:
            return 0
        earned = sum(c.points for c in self.checks)
        return round(100 * earned / possible)

    def to_json(self, lang: str) -> dict:
        return {
            "exercise": self.exercise.id,
            "slug": self.exercise.slug,
            "score": self.score,
            "problem": self.problem(lang) if self.problem else None,
            "duration": round(self.duration, 3),
            "checks": [
                {
                    "id": c.id,
                    "status": c.status,
                    "points": c.points,
                    "max_points": c.max_points,
                    "message": c.message(lang) if c.message else None,
                    "duration": round(c.duration, 3),
                    "measurements": c.measurements,
                }
                for c in self.checks
            ],
        }
