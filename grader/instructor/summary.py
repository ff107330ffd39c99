"""The end-of-batch summary an instructor reads: per exercise, per student, and what went wrong."""
from __future__ import annotations

import statistics
from collections import Counter

import click

from grader.core import manifest
from grader.core.records import StudentRecord
from grader.core.results import ExerciseResult
from grader.instructor.exports.stats import check_stats, render_stats
from grader.instructor.submissions import ABSENT


def incidents(records: list[StudentRecord]) -> list[tuple[str, str, str, str]]:
    """(student, exercise, check or '', incident) for every timeout, crash or stopped run."""
    found = []
    for record in records:
        for r in record.results:
            if r.incident:
                found.append((record.student, r.exercise.id, "", r.incident))
            found += [(record.student, r.exercise.id, c.id, c.incident) for c in r.checks if c.incident]
    return found


def render(records: list[StudentRecord]) -> None:
    click.secho("\nPer exercise", bold=True)
    click.echo(f"  {'exercise':10} {'graded':>6} {'mean':>6} {'full marks':>10}")
    for ex in manifest.exercises():
        scores = [r.score for rec in records for r in rec.results if r.exercise.id == ex.id]
        if scores:
            full = sum(s == 100 for s in scores) / len(scores)
            click.echo(f"  {ex.id:10} {len(scores):6d} {statistics.fmean(scores):6.1f} {full:10.0%}")
    click.secho("\nPer student", bold=True)
    for rec in records:
        note = f"  ({rec.problem.en})" if rec.problem else ""
        click.echo(f"  {rec.student:30} {rec.total:5d}/{100 * len(rec.results)}{note}")
    click.secho("\nChecks that fail most", bold=True)
    click.echo(render_stats(check_stats(records, "en"), "en", limit=10))
    found = incidents(records)
    click.secho(f"\nTimeouts, crashes and stopped runs: {len(found)}", bold=True)
    for student, ex, check, incident in found:
        click.echo(f"  {student:30} {ex:5} {check or '(whole exercise)':28} {incident}")


def render_identical(groups: list[tuple[str, str, list[str]]], given: dict[str, str]) -> None:
    """Students who handed in byte-identical files for an exercise; ``given``: exercise id -> the
    stub's hash (an untouched stub, or nothing handed in, is nobody's copy)."""
    copies = [(ex, students) for ex, digest, students in groups if digest not in (given.get(ex), ABSENT)]
    if copies:
        click.secho(f"\nIdentical submissions: {len(copies)} (`grade similarity` compares the rest)", bold=True)
        for ex, students in copies:
            click.echo(f"  {ex:5} {', '.join(students)}")


def render_protections(results: list[ExerciseResult]) -> None:
    """Which sandbox measures held in this run's gradings: where one did not, the instructor must know."""
    graded = [r.protections for r in results if r.protections.held or r.protections.missing]
    if not graded:
        return
    held, missing = Counter(m for p in graded for m in p.held), Counter(m for p in graded for m in p.missing)
    click.secho(f"\nSandbox (gradings run: {len(graded)})", bold=True)
    click.echo("  held in every one: " + (", ".join(m for m, n in held.items() if n == len(graded)) or "nothing"))
    for measure, count in held.items():
        if count < len(graded):
            click.echo(f"  held in {count} of {len(graded)}: {measure}")
    for measure, count in missing.items():
        click.secho(f"  missing in {count} of {len(graded)}: {measure}", fg="yellow")
