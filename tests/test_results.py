"""A grading in phases (the speedup checks apart) joins into one result, as one grading would give."""
from __future__ import annotations

from grader.core import manifest
from grader.core.manifest import Text
from grader.core.results import FAILED, PASSED, CheckResult, ExerciseResult, Protections

EX09 = manifest.find("ex09")


def test_two_phases_join_in_manifest_order_with_the_first_problem_and_seed():
    alone = [c for c in EX09.checks if c.alone]
    shared = [c for c in EX09.checks if not c.alone]
    first = ExerciseResult(EX09, [CheckResult(c.id, PASSED, c.points) for c in reversed(shared)], duration=2.0,
                           protections=Protections(["no network"], []), seed=7)
    broken = Text(en="broke", fa="شکست")
    later = ExerciseResult(EX09, [CheckResult(c.id, FAILED, c.points) for c in alone], problem=broken,
                           duration=3.0, protections=Protections(["no network"], ["cgroup"]), seed=8)
    joined = first.joined(later)
    assert [c.id for c in joined.checks] == [c.id for c in EX09.checks]
    assert joined.problem is broken and joined.duration == 5.0 and joined.seed == 7
    assert joined.protections == Protections(["no network"], ["cgroup"])
    assert joined.score == round(100 * sum(c.points for c in shared) / sum(c.points for c in EX09.checks))
