"""What a grading produces, and the JSON form documented in the README."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from grader.core.manifest import Exercise, Text


class _Name(str, Enum):
    """An enum whose members are their string values wherever a string goes (JSON, SQLite, f-strings),
    like 3.11's ``StrEnum``, on 3.10 too; reading one back is ``Kind(value)``."""

    __str__ = str.__str__
    __format__ = str.__format__


class Status(_Name):
    """A check's verdict."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"  # not measurable here: neither earns nor costs points


class Incident(_Name):
    """What the grader had to do about a check or a whole grading."""

    NONE = ""
    TIMEOUT = "timeout"  # a check overran its time and was stopped
    CRASH = "crash"  # the child process died in a check
    PROCESSES = "processes"  # too many processes: the child was stopped
    TASKS = "tasks"  # the cgroup's task limit was enforced
    MEMORY = "memory"  # too much memory: the child was stopped
    IMPORT_HANG = "import_hang"  # importing the student's module did not end
    TAMPERED = "tampered"  # the submission changed the grader's own objects
    FORGED = "forged"  # a result arrived that the grader did not send for
    KILLED_GRADER = "killed_grader"  # the submission killed the grader around it (batch)


PASSED, FAILED, SKIPPED = Status.PASSED, Status.FAILED, Status.SKIPPED


@dataclass(frozen=True)
class Override:
    """Points an instructor set by hand for one student's check (an appeal, a partial credit):
    kept apart from the verdict, so a re-grade leaves it in place, and shown in every export."""

    points: int
    comment: str
    at: str = ""


@dataclass
class CheckResult:
    id: str
    status: Status
    max_points: int
    message: Text | None = None
    duration: float = 0.0
    output: str = ""
    measurements: list[dict] = field(default_factory=list)  # see grader.checks.record
    incident: Incident = Incident.NONE  # why the grader stopped it
    override: Override | None = None

    @property
    def points(self) -> int:
        if self.override is not None:
            return self.override.points
        return self.max_points if self.status == PASSED else 0

    @property
    def counts(self) -> bool:
        """Whether its points are part of the score: a skipped check's are not, unless set by hand."""
        return self.status != SKIPPED or self.override is not None


@dataclass
class Protections:
    """The batch sandbox's measures that held in a grading, and those the OS did not allow."""

    held: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @classmethod
    def combined(cls, results: list[ExerciseResult]) -> Protections:
        """What held in every grading of ``results``, and what was missing in any."""
        graded = [r.protections for r in results if r.protections.held or r.protections.missing]
        held = [m for m in dict.fromkeys(m for p in graded for m in p.held) if all(m in p.held for p in graded)]
        return cls(held, list(dict.fromkeys(m for p in graded for m in p.missing)))


@dataclass
class ExerciseResult:
    exercise: Exercise
    checks: list[CheckResult] = field(default_factory=list)
    problem: Text | None = None  # one message that explains a score of 0 (load error, ...)
    incident: Incident = Incident.NONE  # for a problem the grader had to act on
    duration: float = 0.0
    protections: Protections = field(default_factory=Protections)  # empty outside batch grading
    seed: int | None = None  # what the grading's instructor-only checks draw their inputs from

    @property
    def drawn_from(self) -> int | None:
        """The seed, when an instructor-only check ran and so drew from it (never in the student kit)."""
        return self.seed if any(self.exercise.check(c.id).hidden for c in self.checks) else None

    @property
    def score(self) -> int:
        """Skipped checks (not measurable here) neither earn nor cost points."""
        possible = sum(c.max_points for c in self.checks if c.counts)
        if possible == 0:
            return 0
        earned = sum(c.points for c in self.checks)
        return round(100 * earned / possible)

    def joined(self, later: ExerciseResult) -> ExerciseResult:
        """This result and ``later``, a grading of the same submission's other checks (a grading in phases)."""
        by_id = {c.id: c for c in [*self.checks, *later.checks]}
        return ExerciseResult(self.exercise, [by_id[c.id] for c in self.exercise.checks if c.id in by_id],
                              self.problem or later.problem, self.incident or later.incident,
                              self.duration + later.duration, Protections.combined([self, later]), self.seed)

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
                    **({"override": {"points": c.override.points, "comment": c.override.comment}}
                       if c.override else {}),  # only in an instructor's gradebook
                }
                for c in self.checks
            ],
            **({"seed": self.drawn_from} if self.drawn_from is not None else {}),
        }
