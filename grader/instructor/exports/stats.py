"""Per-check statistics across a class: which check fails most, and with which messages.

Only exercises that loaded count: a submission that could not be imported fails
every check with the same "not run" note, which says nothing about the checks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from grader.core.manifest import Exercise
from grader.core.records import StudentRecord
from grader.core.results import FAILED, SKIPPED
from grader.instructor.exports.common import exercises_of
from grader.views.fields import message

TOP_MESSAGES = 3
MESSAGE_WIDTH = 120
HEADINGS = {"fa": ("تمرین", "آزمون", "رد", "نرخ رد"), "en": ("exercise", "check", "failed", "fail rate")}


@dataclass
class CheckStat:
    exercise: Exercise
    check: str
    graded: int = 0  # students whose submission loaded and ran this check
    failed: int = 0
    skipped: int = 0
    messages: list[tuple[str, int]] = field(default_factory=list)  # most common first

    @property
    def fail_rate(self) -> float:
        counted = self.graded - self.skipped
        return self.failed / counted if counted else 0.0


def _short(text: str) -> str:
    """The first line: messages differ in what they quote, their opening usually does not."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= MESSAGE_WIDTH else first[:MESSAGE_WIDTH - 1] + "…"


def check_stats(records: list[StudentRecord], lang: str, top: int = TOP_MESSAGES) -> list[CheckStat]:
    """One row per check of every graded exercise, the most failed first (then manifest order)."""
    rows: dict[tuple[str, str], CheckStat] = {}
    counters: dict[tuple[str, str], Counter] = {}
    for ex in exercises_of(records):
        for c in ex.checks:
            rows[ex.id, c.id] = CheckStat(ex, c.id)
            counters[ex.id, c.id] = Counter()
    for record in records:
        for result in record.results:
            if result.problem:
                continue
            for c in result.checks:
                row = rows[result.exercise.id, c.id]
                row.graded += 1
                row.skipped += c.status == SKIPPED
                if c.status == FAILED:
                    row.failed += 1
                    counters[result.exercise.id, c.id][_short(message(c, lang))] += 1
    for key, row in rows.items():
        row.messages = counters[key].most_common(top)
    order = list(rows)
    return sorted(rows.values(), key=lambda r: (-r.fail_rate, -r.failed, order.index((r.exercise.id, r.check))))


def render_stats(stats: list[CheckStat], lang: str, limit: int | None = None) -> str:
    """A plain-text table for the batch summary: the checks that fail most, with their messages."""
    head = HEADINGS[lang]
    lines = [f"{head[0]:8}  {head[1]:32}  {head[2]:>9}  {head[3]:>9}"]
    for row in stats[:limit]:
        if not row.failed:
            continue
        counted = row.graded - row.skipped
        lines.append(f"{row.exercise.id:8}  {row.check:32}  {row.failed:>4}/{counted:<4}  {row.fail_rate:>8.0%}")
        lines += [f"{'':10}{count:>4} × {text}" for text, count in row.messages]
    return "\n".join(lines)
